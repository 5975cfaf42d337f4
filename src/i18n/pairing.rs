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
}
