//! The catalogue of the pairing ledger (结对帮扶台账).

messages! {
    P;
    NoHelper => "帮扶人 {}（{}）不在帮扶人名单中：请先导入帮扶人", "the helper {} ({}) is not on the list of helpers: import the helpers first";
    OutsidePairing => "这一天 {} 与这名儿童没有结对", "on that day {} was not paired with this child";
    EndBeforeStart => "结束日期 {} 早于开始日期 {}", "the end {} is before the start {}";
    PcCheck => "检查", "check";
    PcHelper => "帮扶人", "helper";
    PcDetail => "说明", "detail";
    PcBehind => "今年巡查走访 {} 次，到今天应至少 {} 次", "{} patrol visits this year; at least {} due by today";
    PcSpring => "春节", "Spring Festival";
    PcChildrensDay => "六一儿童节", "Children's Day";
    PcBirthday => "生日", "birthday";
    PcCareMissing => "{}（{}）没有慰问记录", "no care visit for the {} ({})";
    PcReview => "本年度结对名单尚未复核（3 月 31 日前完成）", "this year's pairing roster is not yet reviewed (due by March 31)";
    PcReviewOverdue => "本年度结对名单复核已逾期（应于 3 月 31 日前完成）", "this year's pairing roster review is overdue (due by March 31)";
    PcPriorityUnpaired => "重点儿童没有爱心家庭结对：请安排结对", "a priority child with no family pairing: pair them with a family";
    PcUnpaired => "没有帮扶主体：请安排结对或部门包片", "no helper: pair with a helper or a department";
    PcGirlMale => "8 岁以上女童由男性帮扶：请改由女性帮扶", "a girl of 8 or more with a male helper: a female helper is required";
    PcSiblings => "兄弟姐妹未由同一家庭帮扶", "siblings are not paired with the same helper";
    PcDuplicate => "重复结对：请核实或标为有意重复", "paired twice: check, or mark the second as intended";
    PcNotLinked => "帮扶人单位挂钩的不是本村（提示）", "the helper's unit is linked with another village (a hint)";
    PcUntrained => "帮扶人今年没有参加政策培训", "the helper had no policy training this year";
    PairingReviewed => "已记录 {} 年度结对名单复核（{}）", "the {} pairing roster review is recorded ({})";
    // Screen 4.
    ChecksTitle => "结对检查 · {} 项", "pairing checks · {}";
    ChecksNone => "结对检查没有发现问题", "the pairing checks found nothing";
    HelpersTitle => "帮扶人 · {} 名", "helpers · {}";
    HelpersNone => "还没有帮扶人：按 n 新增，或用 shouhu import helpers 导入", "no helpers yet: n adds one, or shouhu import helpers";
    PairsTitle => "{} 的结对 · {} 个", "{}'s pairings · {}";
    PairsNone => "这名帮扶人还没有结对", "this helper has no pairing";
    ColKind => "类型", "kind";
    ColUnit => "单位", "unit";
    ColLinked => "挂钩村", "linked village";
    ColPairs => "结对", "pairs";
    ColTraining => "最近培训", "trained";
    ColStart => "开始", "start";
    ColEnd => "结束", "end";
    ColVisits => "走访", "visits";
    ColWishes => "心愿", "wishes";
    // The checks in a word, for lists.
    CkPriorityUnpaired => "无爱心家庭", "no family";
    CkUnpaired => "无帮扶主体", "no helper";
    CkGirlMale => "女童男帮扶", "girl, male helper";
    CkSiblings => "兄妹分开", "siblings split";
    CkDuplicate => "重复结对", "duplicate";
    CkNotLinked => "非挂钩村", "not linked";
    CkBehind => "走访不足", "behind";
    CkCareMissing => "缺少慰问", "care missing";
    CkUntrained => "未培训", "untrained";
    CkReview => "名单复核", "roster review";
    FilterCheck => "按检查项筛选", "filter by check";
    AllChecks => "全部检查项", "all checks";
    // Matching.
    SuggestTitle => "为 {} 选择帮扶人（最合适的在前）", "a helper for {} (best first)";
    SuggestNone => "没有合适的帮扶人：请先新增帮扶人（n）", "no suitable helper: add one first (n)";
    ReasonFemale => "女性", "a woman";
    ReasonSibling => "已帮扶其兄弟姐妹", "helps a sibling";
    ReasonLinked => "单位挂钩本村", "unit linked here";
    Current => "现结对 {} 个", "{} pairings now";
    NoChild => "这一项不是某一名儿童：请选一名儿童", "this row is not about one child: choose a child";
    NoPairing => "请先在帮扶人下选一个结对（Tab）", "choose one of a helper's pairings first (Tab)";
    NoHelperChosen => "请先选一名帮扶人", "choose a helper first";
    Paired => "已结对：{} 由 {} 帮扶，自 {} 起", "paired: {} with {}, from {}";
    // Forms.
    FormHelper => "帮扶人", "helper";
    FormNewHelper => "新增帮扶人", "new helper";
    FName => "姓名", "name";
    FGender => "性别", "gender";
    FKind => "类型", "kind";
    FUnit => "单位", "unit";
    FPhone => "电话", "phone";
    FLinked => "挂钩村", "linked village";
    FTraining => "培训日期（新的一次）", "training day (a new one)";
    FHandout => "已发政策明白书", "policy handout received";
    FormLedger => "结对帮扶台账 · {} · {}", "pairing ledger · {} · {}";
    FStart => "开始日期", "start";
    FEnd => "结束日期", "end";
    FEndReason => "结束原因", "reason ended";
    FIntended => "有意重复结对", "an intended second pairing";
    FormActivity => "帮扶记录 · {} · {}", "helper activity · {} · {}";
    FDate => "日期", "date";
    FNotes => "说明", "notes";
    FormWish => "心愿 · {}", "wish · {}";
    FWish => "心愿内容", "the wish";
    FMadeOn => "提出日期", "made on";
    FFulfilledOn => "实现日期（未实现留空）", "fulfilled on (empty while open)";
    HelperTaken => "已有同名同单位的帮扶人：{}（{}）", "there is already a helper {} ({})";
    HelperSaved => "已保存帮扶人 {}", "helper {} saved";
    LedgerSaved => "已保存 {} 的结对台账", "the ledger of {} is saved";
    ActivitySaved => "已记录：{} 对 {} 的{}（{}）", "recorded: {} for {}: {} ({})";
    ActivityTwice => "这一天已有同样的记录", "the same record exists for that day";
    WishSaved => "已保存心愿：{}", "wish saved: {}";
    WishFulfilled => "心愿已实现：{}（{}）", "wish fulfilled: {} ({})";
    WishBeforeMade => "实现日期早于提出日期", "fulfilled before it was made";
    WishPick => "{} 的心愿清单", "{}'s wish list";
    WishNew => "＋ 新的心愿", "+ a new wish";
    WishOpen => "未实现", "open";
    StartBeforeBirth => "开始日期早于儿童出生日期", "the start is before the child was born";
    // 今日.
    AlertCheck => "结对：{} {} 项", "pairing: {} {}";
    AlertReviewDue => "结对：年度名单复核待完成", "pairing: the yearly roster review is due";
    AlertReviewOverdue => "结对：年度名单复核已逾期", "pairing: the yearly roster review is overdue";
    AlertCareBirthdays => "本周 {} 名结对儿童生日，需慰问", "{} paired children have a birthday this week: remind their helpers of a care visit";
    AlertCareDay => "{}（{}）：{} 个结对需慰问", "{} ({}): {} pairings owe a care visit";
    // The case file.
    CasePairings => "结对帮扶", "pairings";
    CaseNoPairing => "没有结对帮扶", "no pairing";
    CaseWishes => "心愿：{}", "wishes: {}";
}

/// The pairing ledger's findings in the officer's words.
pub mod words {
    use crate::domain::date;
    use crate::domain::pairing::{Check, Finding, Occasion, What};
    use crate::i18n::{P, t, tf};

    /// A check in a word or two, for lists.
    pub fn check(c: Check) -> &'static str {
        t(match c {
            Check::PriorityUnpaired => P::CkPriorityUnpaired,
            Check::Unpaired => P::CkUnpaired,
            Check::GirlMaleHelper => P::CkGirlMale,
            Check::SiblingsSplit => P::CkSiblings,
            Check::Duplicate => P::CkDuplicate,
            Check::HelperNotLinked => P::CkNotLinked,
            Check::Behind => P::CkBehind,
            Check::CareMissing => P::CkCareMissing,
            Check::HelperUntrained => P::CkUntrained,
            Check::RosterReview => P::CkReview,
        })
    }

    pub fn occasion(o: Occasion) -> &'static str {
        t(match o {
            Occasion::SpringFestival => P::PcSpring,
            Occasion::ChildrensDay => P::PcChildrensDay,
            Occasion::Birthday => P::PcBirthday,
        })
    }

    /// What a finding says, in the officer's words.
    pub fn detail(f: &Finding) -> String {
        match (&f.check, &f.what) {
            (_, What::Visits { made, due }) => tf(P::PcBehind, &[made, due]),
            (_, What::Care { occasion: o, day }) => {
                tf(P::PcCareMissing, &[&occasion(*o), &date::iso(*day)])
            }
            (Check::RosterReview, What::Overdue) => t(P::PcReviewOverdue).into(),
            (Check::RosterReview, _) => t(P::PcReview).into(),
            (Check::PriorityUnpaired, _) => t(P::PcPriorityUnpaired).into(),
            (Check::Unpaired, _) => t(P::PcUnpaired).into(),
            (Check::GirlMaleHelper, _) => t(P::PcGirlMale).into(),
            (Check::SiblingsSplit, _) => t(P::PcSiblings).into(),
            (Check::Duplicate, _) => t(P::PcDuplicate).into(),
            (Check::HelperNotLinked, _) => t(P::PcNotLinked).into(),
            (Check::HelperUntrained, _) => t(P::PcUntrained).into(),
            (Check::Behind | Check::CareMissing, _) => String::new(),
        }
    }
}
