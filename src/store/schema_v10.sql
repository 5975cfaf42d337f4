-- shouhu schema, version 10: changes between the PCs of a township.

-- Every committed write of the registry's tables as a changeset (SQLite's
-- session extension), this site's own and those received from others,
-- numbered per site. What every known peer has acknowledged may be pruned.
CREATE TABLE outbox (
    id      INTEGER PRIMARY KEY,
    site    INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    changes BLOB NOT NULL,
    at      TEXT NOT NULL,
    UNIQUE (site, seq)
);

-- The peers met: what each holds of every site (its header's `have`), and when.
CREATE TABLE peers (
    site     INTEGER NOT NULL,
    of_site  INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    last_met TEXT NOT NULL,
    PRIMARY KEY (site, of_site)
);

-- A version not kept when two sides changed the same record: never dropped.
CREATE TABLE sync_conflicts (
    id         INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    record     TEXT NOT NULL,
    field      TEXT NOT NULL,
    here       TEXT NOT NULL,
    there      TEXT NOT NULL,
    from_site  INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    at         TEXT NOT NULL,
    resolved   TEXT NOT NULL DEFAULT ''
);
