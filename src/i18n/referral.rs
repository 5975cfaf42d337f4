//! The catalogue of mandatory reports, referrals and notices (强制报告, 转介, 来文).

messages! {
    R;
    NeedChild => "请指明儿童：--child 身份证号 或 姓名@村（社区）", "name the child: --child ID_NUMBER or NAME@VILLAGE";
    NeedReason => "请写明事由：--reason（如 脱离监护单独居住、控辍保学）", "give the reason: --reason (e.g. living_alone, dropout)";
    BadReason => "不认识的事由“{}”", "unknown reason \"{}\"";
    ReasonKind => "“{}”不是{}的事由", "\"{}\" is not a reason for a {}";
    BadKind => "不认识的类型“{}”（强制报告 mandatory、转介 referral、来文 notice）", "unknown kind \"{}\" (mandatory, referral, notice)";
    BadBody => "不认识的单位“{}”：可选 {}（乡镇可在设置 bodies 中增加）", "unknown body \"{}\": one of {} (a township adds its own in the setting bodies)";
    NeedBody => "请写明接收单位：--target（如 公安、教育）", "give the body: --target (e.g. 公安, 教育)";
    BadSeverity => "不认识的严重程度“{}”（一般、严重、紧急）", "unknown severity \"{}\" (一般, 严重, 紧急)";
    FoundFuture => "发现日期 {} 晚于今天", "the day found {} is after today";
    BadState => "不认识的状态“{}”", "unknown state \"{}\"";
    NoSuchItem => "没有编号为 {} 的报告或转介", "there is no report or referral number {}";
    MoveSame => "第 {} 号已是“{}”", "number {} is already {}";
    MoveBackward => "第 {} 号不能从“{}”退回到“{}”（只有已退回的可回到草稿重新发送）", "number {} cannot go back from {} to {} (only a returned item goes back to draft)";
    MoveClosed => "第 {} 号已办结，不能再改状态", "number {} is closed; its state does not change";
    MoveOutcome => "第 {} 号办结前请写明办理结果（--outcome）", "number {} needs the outcome to be closed (--outcome)";
    MoveNotSent => "第 {} 号尚未发送，不能退回", "number {} was never sent; it cannot be returned";
    Moved => "第 {} 号：{} → {}", "number {}: {} → {}";
    Raised => "{}", "{}";
    // Columns.
    ColNo => "编号", "no.";
    ColKind => "类型", "kind";
    ColState => "状态", "state";
    ColReason => "事由", "reason";
    ColTarget => "单位", "body";
    ColFound => "发现", "found";
    ColRaised => "提出", "raised";
    ColSent => "发送", "sent";
    ColAge => "小时", "hours";
    ColAwaiting => "待反馈", "awaiting";
    // The screen.
    Title => "强制报告与转介 · {} 件", "reports and referrals · {}";
    TitleOf => "强制报告与转介 · {} · {} 件", "reports and referrals · {} · {}";
    None => "还没有强制报告或转介：在儿童上按 ! 报告，r 转介", "no reports or referrals yet: ! on a child reports, r refers";
    StatusCritical => "⚠ 强制报告未发送：{} {} 小时（5 转介，m 记为已发送）", "⚠ report not sent: {} {} h (5, then m: sent)";
    UnsentHours => "未发送 {} 小时", "unsent {} h";
    StatusShort => "⚠ 未发送报告 {}", "⚠ {} unsent";
    StatusMore => "另有 {} 件", "{} more";
    AlertCritical => "强制报告未发送 {} 件，最久 {} 小时", "{} mandatory reports not sent, the oldest {} hours";
    AlertAwaiting => "转介待反馈 {} 件（发出已满 {} 天）", "{} items awaiting feedback ({} days after sending)";
    FormNew => "{} · {}", "{} · {}";
    FormEdit => "第 {} 号 · {} · {}", "number {} · {} · {}";
    FKind => "类型", "kind";
    FReason => "事由", "reason";
    FWhat => "发生了什么", "what happened";
    FSeverity => "严重程度", "severity";
    FTarget => "接收单位", "body";
    FFound => "发现日期", "found on";
    FSender => "来文单位", "sent by";
    FAnswer => "对方答复", "the answer";
    FOutcome => "办理结果", "outcome";
    Saved => "已保存第 {} 号{}：{}", "saved number {}, {}: {}";
    MovePick => "第 {} 号 · {} → ?", "number {} · {} → ?";
    MoveNote => "第 {} 号 · {} → {}", "number {} · {} → {}";
    FNote => "说明", "note";
    FollowUpPick => "第 {} 号的跟进", "follow-ups of number {}";
    FormFollowUp => "第 {} 号 · {}", "number {} · {}";
    FDate => "日期", "date";
    FSafety => "安全状况", "safety";
    FGuardianship => "监护状况", "guardianship";
    FHealth => "健康状况", "health";
    FollowUpSaved => "已记录第 {} 号的{}（{}）", "recorded for number {}: {} ({})";
    FromVisit => "走访已保存。发现应报告的情形：请填写并立即发送强制报告", "visit saved. A situation to report: fill in the mandatory report and send it at once";
    FVisitDanger => "强制报告情形", "situation to report";
    NoItem => "请先选一件报告或转介", "choose a report or referral first";
    Printed => "已打印第 {} 号到 {}（含完整身份证号，已记入工作日志）", "number {} printed to {} (full ID number; recorded in the work log)";
    CaseItems => "强制报告与转介", "reports and referrals";
    // The paper form.
    PaperTitle => "{}单", "{} form";
    PaperTownship => "报告单位：{}", "from: {}";
    PaperNo => "编号：第 {} 号", "number {}";
    PaperChild => "儿童", "child";
    PaperField => "项目", "item";
    PaperValue => "内容", "details";
    PaperWhen => "发现与报告", "found, reported";
    PaperBorn => "性别、出生日期", "gender, born";
    PaperFoundRaised => "发现时间：{}　　报告时间：{}", "found: {}    reported: {}";
    PaperDelay => "（发现后 {} 天报告）", "({} days after it was found)";
    PaperBy => "报告人：{}　　联系方式：{}", "reported by: {}    contact: {}";
    PaperReceipt => "接收单位签收：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日", "received by: ________________    date: ____-__-__";
}

/// Reports and referrals in the officer's words.
pub mod words {
    use crate::domain::referral::{MoveError, State};
    use crate::i18n::{R, tf};

    /// Why a move of item `no` from `from` to `to` was refused.
    pub fn refused(e: MoveError, no: i64, from: State, to: State) -> String {
        match e {
            MoveError::Same => tf(R::MoveSame, &[&no, &to.label()]),
            MoveError::Backward => tf(R::MoveBackward, &[&no, &from.label(), &to.label()]),
            MoveError::Closed => tf(R::MoveClosed, &[&no]),
            MoveError::NeedOutcome => tf(R::MoveOutcome, &[&no]),
            MoveError::NotSent => tf(R::MoveNotSent, &[&no]),
        }
    }
}
