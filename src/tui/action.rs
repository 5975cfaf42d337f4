//! Everything a key can ask for: the only way the app's state changes. Each
//! action has the name the key map file uses and the words the help shows.

use crate::i18n::M;

macro_rules! actions {
    ($($variant:ident = $name:literal, $desc:ident;)*) => {
        /// An action; `GoTo(n)` switches to the n-th screen of the tab bar
        /// (named `go_<n>` in the key map).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
            GoTo(u8),
        }

        impl Action {
            const NAMED: &'static [(Action, &'static str)] = &[$((Action::$variant, $name),)*];

            /// What the help and the hint line say it does.
            pub fn desc(self) -> M {
                match self {
                    $(Action::$variant => M::$desc,)*
                    Action::GoTo(_) => M::KeyScreens,
                }
            }
        }
    };
}

actions! {
    Quit = "quit", KeyQuit;
    Help = "help", KeyHelp;
    Undo = "undo", KeyUndo;
    Redo = "redo", KeyRedo;
    Up = "up", KeyUp;
    Down = "down", KeyDown;
    PageUp = "page_up", KeyPageUp;
    PageDown = "page_down", KeyPageDown;
    Top = "top", KeyTop;
    Bottom = "bottom", KeyBottom;
    Open = "open_case", KeyOpenCase;
    NextPane = "next_pane", KeyNextPane;
    NewVisit = "new_visit", KeyNewVisit;
    NewChild = "new_child", KeyNewChild;
    EditChild = "edit_child", KeyEditChild;
    EditVisit = "edit_visit", KeyEditVisit;
    Mandatory = "mandatory_report", KeyMandatory;
    Referral = "referral", KeyReferral;
    Search = "search", KeySearch;
    SearchDone = "search_done", KeySearchDone;
    SearchClear = "search_clear", KeySearchClear;
    FilterVillage = "filter_village", KeyFilterVillage;
    FilterCategory = "filter_category", KeyFilterCategory;
    FilterFlag = "filter_flag", KeyFilterFlag;
    FilterStatus = "filter_status", KeyFilterStatus;
    ClearFilters = "clear_filters", KeyClearFilters;
    BatchEntry = "batch_entry", KeyBatch;
    PrevPeriod = "prev_period", KeyPrevPeriod;
    NextPeriod = "next_period", KeyNextPeriod;
    Print = "print", KeyPrint;
    PrintText = "print_text", KeyPrintText;
    ToggleReport = "toggle_report", KeyToggleReport;
    Export = "export", KeyExport;
    WorkLog = "work_log", KeyLog;
    VisitsOf = "visits_of", KeyVisitsOf;
    SortByDue = "sort_by_due", KeySortByDue;
    FindVisits = "find_visits", KeyFindVisits;
    FocusOnly = "focus_only", KeyFocusOnly;
    SetPin = "set_pin", KeySetPin;
    Settings = "settings", KeySettings;
    Unlock = "unlock", KeyUnlock;
    Backup = "backup", KeyBackup;
    ColumnsLeft = "columns_left", KeyColumnsLeft;
    ColumnsRight = "columns_right", KeyColumnsRight;
    Save = "save", KeySave;
    Cancel = "cancel", KeyClose;
    NextField = "next_field", KeyNextField;
    Advance = "advance", KeyAdvance;
    ClearField = "clear_field", KeyClearField;
    AllOk = "all_ok", KeyAllOk;
    NewLine = "new_line", KeyNewLine;
    PrevField = "prev_field", KeyPrevField;
    Pick = "pick", KeyPick;
    Close = "close", KeyClose;
    Yes = "yes", Yes;
    No = "no", No;
    SafeAnswer = "safe_answer", KeySafeAnswer;
    EnterVisit = "enter_visit", KeyEnterVisit;
    Skip = "skip", KeySkip;
    Finish = "finish", KeyFinish;
    Pair = "pair", KeyPair;
    NewHelper = "new_helper", KeyNewHelper;
    EditHelper = "edit_helper", KeyEditHelper;
    RecordActivity = "record_activity", KeyRecordActivity;
    Wishes = "wishes", KeyWishes;
    FilterCheck = "filter_check", KeyFilterCheck;
    RosterReview = "roster_review", KeyRosterReview;
    MoveState = "move_state", KeyMoveState;
    FollowUp = "follow_up", KeyFollowUp;
    ImportSheet = "import_sheet", KeyImportSheet;
    NationalMark = "national_mark", KeyNationalMark;
    GapReferral = "gap_referral", KeyGapReferral;
    ConfirmExit = "confirm_exit", KeyConfirmExit;
    CareAgreement = "care_agreement", KeyCareAgreement;
    ConfirmFile = "confirm_file", KeyConfirmFile;
    DeclineReviews = "decline_reviews", KeyDeclineReviews;
    TemporaryCare = "temporary_care", KeyTemporaryCare;
    CarePlan = "care_plan", KeyCarePlan;
    TourConfirm = "tour_confirm", KeyTourConfirm;
    TourEdit = "tour_edit", KeyTourEdit;
    TourExit = "tour_exit", KeyTourExit;
    TourNew = "tour_new", KeyTourNew;
    Survey = "survey", KeySurvey;
    AddNote = "add_note", KeyAddNote;
    AddMeeting = "add_meeting", KeyAddMeeting;
    PrintMonth = "print_month", KeyPrintMonth;
    Offices = "offices", KeyOffices;
    Sync = "sync", KeySync;
    CareRound = "care_round", KeyCareRound;
    CareRoundGoOn = "care_round_go_on", KeyCareRoundGoOn;
    PrintFile = "print_file", KeyPrintFile;
    MapColumn = "map_column", KeyMapColumn;
    ImportAll = "import_all", KeyImportAll;
    ImportValid = "import_valid", KeyImportValid;
    FilterBody = "filter_body", KeyFilterBody;
}

impl Action {
    /// The name in the key map file.
    pub fn name(self) -> String {
        match self {
            Action::GoTo(n) => format!("go_{n}"),
            other => Self::NAMED
                .iter()
                .find(|(a, _)| *a == other)
                .map_or_else(String::new, |(_, n)| (*n).to_string()),
        }
    }

    /// The action a key map file names.
    pub fn from_name(name: &str) -> Option<Action> {
        if let Some(n) = name.strip_prefix("go_") {
            return n
                .parse()
                .ok()
                .filter(|n| (1..=9).contains(n))
                .map(Action::GoTo);
        }
        Self::NAMED
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(a, _)| *a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_go_both_ways() {
        for (a, n) in Action::NAMED {
            assert_eq!(Action::from_name(n), Some(*a));
            assert_eq!(a.name(), *n);
        }
        for n in 1..=9 {
            let a = Action::GoTo(n);
            assert_eq!(Action::from_name(&a.name()), Some(a));
        }
        assert_eq!(Action::from_name("go_0"), None);
        assert_eq!(Action::from_name("fly"), None);
    }
}
