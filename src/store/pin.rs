//! The PIN that locks the screen on a shared PC: kept only as a salted
//! Argon2 hash (the PHC string) in the settings, never as typed.

use anyhow::{Result, anyhow};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use super::Store;

/// Minutes without a key before the screen locks, unless set.
pub const DEFAULT_LOCK_MINUTES: u32 = 10;

impl Store {
    /// Sets the PIN and the idle minutes; an empty PIN turns the lock off.
    pub fn set_pin(&mut self, pin: &str, minutes: u32) -> Result<()> {
        if pin.is_empty() {
            self.set_setting("pin_hash", "")?;
            return Ok(());
        }
        // Sixteen random bytes from a version-4 UUID as the salt.
        let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
            .map_err(|e| anyhow!("salt: {e}"))?;
        let hash = Argon2::default()
            .hash_password(pin.as_bytes(), &salt)
            .map_err(|e| anyhow!("argon2: {e}"))?
            .to_string();
        self.set_setting("pin_hash", &hash)?;
        self.set_setting("lock_minutes", &minutes.to_string())
    }

    /// Whether a PIN is set.
    pub fn has_pin(&self) -> Result<bool> {
        Ok(self.setting("pin_hash")?.is_some_and(|h| !h.is_empty()))
    }

    /// Whether `pin` is the PIN (false when none is set).
    pub fn pin_matches(&self, pin: &str) -> Result<bool> {
        let Some(stored) = self.setting("pin_hash")?.filter(|h| !h.is_empty()) else {
            return Ok(false);
        };
        let Ok(hash) = PasswordHash::new(&stored) else {
            return Ok(false);
        };
        Ok(Argon2::default()
            .verify_password(pin.as_bytes(), &hash)
            .is_ok())
    }

    /// Minutes without a key before the screen locks.
    pub fn lock_minutes(&self) -> Result<u32> {
        Ok(self
            .setting("lock_minutes")?
            .and_then(|m| m.parse().ok())
            .unwrap_or(DEFAULT_LOCK_MINUTES))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pin_is_kept_as_a_salted_hash_and_checked() {
        let mut s = Store::open_in_memory().unwrap();
        assert!(!s.has_pin().unwrap());
        assert!(!s.pin_matches("").unwrap());
        s.set_pin("2580", 5).unwrap();
        let stored = s.setting("pin_hash").unwrap().unwrap();
        assert!(
            stored.starts_with("$argon2") && !stored.contains("2580"),
            "{stored}"
        );
        assert!(s.pin_matches("2580").unwrap());
        assert!(!s.pin_matches("2581").unwrap());
        assert_eq!(s.lock_minutes().unwrap(), 5);
        // The same PIN again gets another salt.
        s.set_pin("2580", 5).unwrap();
        assert_ne!(s.setting("pin_hash").unwrap().unwrap(), stored);
        s.set_pin("", 5).unwrap();
        assert!(!s.has_pin().unwrap());
    }
}
