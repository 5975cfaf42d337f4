//! The formats a table can be written in, and what `export` writes: shared by
//! the command line and the screens.

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Html,
    Txt,
    Xlsx,
    Pdf,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "json" => Format::Json,
            "html" => Format::Html,
            "txt" | "text" => Format::Txt,
            "xlsx" => Format::Xlsx,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }

    /// The file extension of a format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
            Format::Json => "json",
            Format::Table | Format::Html => "html",
        }
    }
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Children,
    /// The children in the columns and words of the national system's entry screen.
    ChildrenNational,
    Visits,
    Pairings,
    Referrals,
}

impl ExportKind {
    pub fn parse(s: &str) -> Option<ExportKind> {
        Some(match s {
            "children" => ExportKind::Children,
            "visits" => ExportKind::Visits,
            "pairings" => ExportKind::Pairings,
            "referrals" => ExportKind::Referrals,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            ExportKind::Children => "children",
            ExportKind::ChildrenNational => "children_national",
            ExportKind::Visits => "visits",
            ExportKind::Pairings => "pairings",
            ExportKind::Referrals => "referrals",
        }
    }
}
