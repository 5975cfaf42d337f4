//! A changes file sealed with the registry's passphrase, in the build with
//! encryption: ChaCha20-Poly1305 under a key drawn from the passphrase by
//! Argon2, with a fresh salt and nonce each time. A wrong passphrase or a
//! changed byte is refused, never read as garbage. Without a passphrase (or
//! without the build) the file is written as it is, and the README says so.

use std::borrow::Cow;

use anyhow::{Result, bail};

use crate::i18n::{W, t};

/// The first line of a sealed file; salt, nonce and the sealed file follow.
const SEALED: &[u8] = b"SHOUHU-SYNC-SEALED 1\n";

/// Whether a changes file is sealed.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(SEALED)
}

/// The file sealed with this run's passphrase, when the build has
/// encryption and the registry was opened with one; else as it is.
pub fn seal(bytes: Vec<u8>) -> Result<Vec<u8>> {
    match super::cipher::key() {
        #[cfg(feature = "encryption")]
        Some(key) => sealed::seal(bytes, &key),
        _ => Ok(bytes),
    }
}

/// The file as written, unsealed with this run's passphrase where sealed:
/// in place, so that a big file owned is not held twice.
pub fn unseal(bytes: Cow<'_, [u8]>) -> Result<Cow<'_, [u8]>> {
    if !is_sealed(&bytes) {
        return Ok(bytes);
    }
    let Some(key) = super::cipher::key() else {
        bail!(t(W::SyncSealedNoKey));
    };
    #[cfg(feature = "encryption")]
    {
        sealed::unseal(bytes.into_owned(), &key).map(Cow::Owned)
    }
    #[cfg(not(feature = "encryption"))]
    {
        let _ = key;
        bail!(t(W::SyncSealedNotBuilt))
    }
}

#[cfg(feature = "encryption")]
mod sealed {
    use anyhow::{Result, anyhow, bail};
    use chacha20poly1305::aead::{AeadInPlace, KeyInit};
    use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce, Tag};

    use super::SEALED;
    use crate::i18n::{W, t};

    const SALT: usize = 16;
    const NONCE: usize = 12;

    fn cipher(passphrase: &str, salt: &[u8]) -> Result<ChaCha20Poly1305> {
        let mut key = [0u8; 32];
        argon2::Argon2::default()
            .hash_password_into(passphrase.as_bytes(), salt, &mut key)
            .map_err(|e| anyhow!("argon2: {e}"))?;
        Ok(ChaCha20Poly1305::new(Key::from_slice(&key)))
    }

    pub fn seal(plain: Vec<u8>, passphrase: &str) -> Result<Vec<u8>> {
        let mut head = [0u8; SALT + NONCE];
        getrandom::fill(&mut head).map_err(|e| anyhow!("random: {e}"))?;
        let (salt, nonce) = head.split_at(SALT);
        let mut out = Vec::with_capacity(SEALED.len() + head.len() + plain.len() + 16);
        out.extend_from_slice(SEALED);
        out.extend_from_slice(&head);
        let start = out.len();
        out.extend_from_slice(&plain);
        drop(plain);
        let tag = cipher(passphrase, salt)?
            .encrypt_in_place_detached(Nonce::from_slice(nonce), SEALED, &mut out[start..])
            .map_err(|_| anyhow!("sealing failed"))?;
        out.extend_from_slice(&tag);
        Ok(out)
    }

    /// Unseals a whole sealed file in its own buffer.
    pub fn unseal(mut file: Vec<u8>, passphrase: &str) -> Result<Vec<u8>> {
        let start = SEALED.len() + SALT + NONCE;
        if file.len() < start + 16 {
            bail!(t(W::SyncDamaged));
        }
        let end = file.len() - 16;
        let (head, rest) = file.split_at_mut(start);
        let (body, tag) = rest.split_at_mut(end - start);
        let (salt, nonce) = head[SEALED.len()..].split_at(SALT);
        cipher(passphrase, salt)?
            .decrypt_in_place_detached(Nonce::from_slice(nonce), SEALED, body, Tag::from_slice(tag))
            .map_err(|_| anyhow!(t(W::SyncSealedWrongKey)))?;
        file.truncate(end);
        file.drain(..start);
        Ok(file)
    }
}
