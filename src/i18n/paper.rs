//! The catalogue of the township's paperwork: care plans, the yearly survey,
//! care rounds, the work log, the village offices, the inspection, deadlines.

messages! {
    W;
    SyncPeer => "站点 {}：上次交换 {}", "site {}: last met {}";
    CountyNotTownship => "{} 是乡镇的数据库，不是县级汇总文件：未合并。请用 -o 指定一个新的文件（如 县.db）。",
        "{} is a township's database, not a county file: nothing merged. Give a new file with -o (such as county.db).";
    CountyNoSync => "县级汇总文件不与乡镇交换变更：乡镇的变更文件用 shouhu county merge 合并进来。",
        "a county file exchanges no changes with the townships: merge their changes files with shouhu county merge.";
    CountyMerging => "正在合并 {}（{}/{}）…", "merging {} ({}/{})…";
    CountySameTwice => "同一条记录在两台电脑上有两个编号（数据库曾被复制过）：合并为一条，这一份列在这里备查",
        "one record under two ids (the registry was copied onto two PCs): made one, this copy listed here";
    CountyIndexing => "正在重建索引、计算应访日期…", "building the indexes again, working out the due dates…";
    CountyMerged => "{}：合并 {} 批变更", "{}: {} batches merged";
    CountyReadOnly => "这是县级汇总文件：乡镇的记录只能在乡镇的电脑上修改，再导出变更文件合并到这里（shouhu county merge）。",
        "this is a county file: the townships' records are changed on the townships' own PCs, and their changes files merged here (shouhu county merge).";
    CountyBanner => "县级汇总·只读", "county file · read-only";
    CountyFile => "县级汇总（各乡镇）", "county file (every township)";
    CountyAll => "{}（全乡镇）", "{} (whole township)";
    CountyTotal => "全县", "county";
    ColTownship => "乡镇", "township";
    TownshipTotal => "{} 合计", "{} total";
    CountyBroken => "{}：变更文件缺少前面的部分（有记录指向不存在的记录），未合并。请先合并该乡镇的第一个完整变更文件（shouhu sync export 不加 --for）。",
        "{}: the changes file lacks what came before it (records point to records that are not there); nothing merged. Merge the township's first, whole changes file first (shouhu sync export without --for).";
    SyncMenuExport => "导出本机变更（存到 U 盘或共享文件夹）", "export the changes (to a USB drive or a shared folder)";
    SyncToFolder => "存到输出文件夹 {}", "to the output folder {}";
    SyncToDrive => "存到 U 盘或移动盘 {}", "to the USB or removable drive {}";
    SyncMenuImport => "导入其他电脑的变更文件", "import another PC's changes file";
    SyncMenuConflicts => "查看冲突（{} 项）", "conflicts ({})";
    SyncConflictsTitle => "冲突：选一条，再选采用对方、保留本机或改为另一个值", "conflicts: choose one, then take theirs, keep ours or type another value";
    SyncSettleThere => "采用对方电脑的值：{}", "take the other PC's value: {}";
    SyncSettleHere => "保留本机的值：{}", "keep this PC's value: {}";
    SyncSettleType => "改为另一个值…", "type another value…";
    SyncTyped => "改为 {}", "set to {}";
    SyncValueBad => "“{}”不像这一项的值：日期写成 {}", "“{}” does not look like this field's value: a date as {}";
    SyncWholeRow => "这条冲突是整条记录，不能改一个值：请选保留本机，再到表单里修改", "this conflict is a whole record, not one value: keep ours, then correct it in its form";
    SyncNotTyped => "这一项（代码、数字、儿童姓名或身份证号）不能直接输入：请选采用对方或保留本机，再到表单里修改", "this field (a code, a number, a child's name or ID number) is not typed here: take theirs or keep ours, then correct it in its form";
    SyncNowThere => "现用对方", "theirs in use";
    SyncNowHere => "现用本机", "ours in use";
    SyncValueCannot => "“{}”不能存入这一项：请保留本机的值，再到表单里修改", "“{}” cannot be kept in this field: keep ours, then correct it in its form";
    SyncValueLabel => "改为", "set to";
    AlertReading => "正在读取登记核查和结对台账…（县级汇总文件较大，读完自动显示）", "reading the register's checks and the pairing ledger… (a big county file; they show when read)";
    SyncSealedNoKey => "这个变更文件用口令加密了：请用那台电脑数据库的口令打开 shouhu（设置 SHOUHU_KEY，或 --key-file）再导入。",
        "this changes file is sealed with a passphrase: open shouhu with the passphrase of that PC's database (SHOUHU_KEY, or --key-file), then import it.";
    SyncSealedWrongKey => "这个变更文件打不开：口令与加密它的不同，或文件已损坏。未导入任何内容。",
        "this changes file does not open: the passphrase is not the one it was sealed with, or the file is damaged. Nothing imported.";
    SyncSealedNotBuilt => "这个变更文件用口令加密了，本程序没有加密功能（需要 --features encryption 的版本）。未导入任何内容。",
        "this changes file is sealed, and this build has no encryption (a build with --features encryption reads it). Nothing imported.";
    SyncResolved => "已处理冲突：{}", "conflict resolved: {}";
    SyncKeptHere => "保留本机", "kept ours";
    SyncTookThere => "采用对方", "took theirs";
    SyncExported => "已导出 {} 批变更到 {}", "{} batches of changes exported to {}";
    SyncImported => "已导入 {} 批变更，已有 {} 批跳过，冲突 {} 项（shouhu sync conflicts 查看）", "{} batches applied, {} already held, {} conflicts (shouhu sync conflicts)";
    SyncDamaged => "同步文件已损坏或不是 shouhu 的同步文件：请重新导出", "the changes file is damaged or not one of shouhu's: export it again";
    SyncNewer => "同步文件来自较新版本的 shouhu（数据结构 {}）：请先升级本机的 shouhu", "the changes file comes from a newer shouhu (schema {}): update shouhu here first";
    SiteLine => "站点 {}：本机新增记录的编号为 {} 至 {}", "site {}: rows made here are numbered {} to {}";
    SiteCopied => "这个数据库是从别处复制来的：同步前会换一个新的站点号", "this database was copied from elsewhere: it takes a new site id before it syncs";
    TourSkip => "跳过，稍后再看", "skip for now";
    FNoteKind => "类别", "kind";
    BadDeadlines => "期限设置有误：{}（shouhu deadlines 可查看与修改）", "the deadlines are wrong: {} (see shouhu deadlines)";
    CasePlan => "帮扶计划（P 加措施）", "care plan (P adds a measure)";
    CaseNoPlan => "重点关注儿童尚无帮扶计划（P 制定）", "a focus child without a care plan (P)";
    MeasureOpen => "{}：{}（{}，{} 前）", "{}: {} ({}, by {})";
    MeasureDone => "{}：{}（{} 已完成）", "{}: {} (done {})";
    FormMeasure => "帮扶措施 · {}", "care measure · {}";
    FProblem => "问题", "problem";
    FMeasure => "措施", "measure";
    FResponsible => "责任人", "responsible";
    FMeasureDue => "完成期限", "by";
    FMeasureDoneOn => "完成日期", "done on";
    MeasureSaved => "{}：帮扶措施已记录", "{}: measure recorded";
    FileOpenMeasures => "待完成的帮扶措施：{}", "open measures: {}";
    VisitMeasuresDone => "本次落实的措施", "measures done at this visit";
    SurveyTitle => "{} 年摸底 · {}", "survey {} · {}";
    RoundTitle => "{} · {}", "{} · {}";
    RoundReached => "已慰问 {}/{} 名", "reached {} of {}";
    RoundMissed => "未慰问 {} 名：", "not reached, {}:";
    FormRound => "慰问", "care round";
    FRoundName => "名称", "occasion";
    FRoundDay => "日期", "day";
    FRoundCategories => "对象类别", "categories";
    FRoundVillage => "村（社区）", "village";
    FormGift => "慰问 · {}", "care round · {}";
    FGiftReceived => "慰问物品", "received";
    FGiftAmount => "金额（元）", "amount (yuan)";
    FGiftSigned => "本人或监护人签收", "signed for";
    GiftSaved => "{}：已记录 {}", "{}: recorded {}";
    RoundSaved => "{}：逐一记录慰问情况", "{}: record each child";
    NoRound => "还没有慰问记录：按 h 新建", "no care round yet: h starts one";
    FormNote => "工作日志", "work log";
    FormMeeting => "协调会议", "coordination meeting";
    FNoteDay => "日期", "day";
    FNoteVillage => "村（社区）", "village";
    FNoteText => "内容", "what";
    FNoteBodies => "参会单位", "bodies present";
    FNoteDecisions => "议定事项", "decisions";
    NoteSaved => "已记入工作日志（{}）", "added to the work log ({})";
    FormOffice => "儿童主任台账 · {}", "child directors · {}";
    FDirector => "儿童主任", "child director";
    FDirectorPhone => "电话", "phone";
    FTrained => "最近培训", "last trained";
    FChecked => "背景审查", "background check";
    FDeputy => "增配儿童主任", "second director";
    FHome => "儿童之家", "children's home";
    OfficeSaved => "{}：儿童主任台账已保存", "{}: saved";
    OfficeLine => "{}  主任 {}  儿童 {} 名{}", "{}  director {}  {} children{}";
    OfficeNeedsDeputy => "  ⚠ 需增配", "  ⚠ needs a second";
    OfficeNoHome => "  无儿童之家", "  no children's home";
    AlertDeputy => "增配儿童主任 {} 个村", "villages needing a second director: {}";
    CaseCareTitle => "照护与安置变更", "caregivers and placements";
    CaseCareChange => "{} {}：{} → {}", "{} {}: {} → {}";
    FilePrinted => "已打印整份档案到 {}", "the whole file is printed to {}";
    NoSuchVillage => "没有名为「{}」的村（社区）", "no village named {}";
    SurveyHead => "{} 年摸底排查进度（已核实/应核实：确认 更正 新增 退出）", "survey {}: done / to do (confirmed corrected new exited)";
    SurveyLine => "{}  {}/{}  确认 {}  更正 {}  新增 {}  退出 {}", "{}  {}/{}  confirmed {}  corrected {}  new {}  exited {}";
    MissingVisit => "本季度没有走访记录", "no visit this quarter";
    MissingPlan => "重点关注儿童没有帮扶计划", "a focus child without a care plan";
    MissingGuardian => "没有监护人或委托照护人", "no guardian or caregiver";
    MissingAgreement => "委托照护人非直系亲属，未记录委托照护协议", "no care agreement with a caregiver who is not a direct relative";
    AlertMeasuresOverdue => "帮扶措施逾期 {} 项", "care measures overdue: {}";
    AlertNoCarePlan => "重点关注无帮扶计划 {} 名", "focus children without a plan: {}";
    AlertInspection => "档案抽检缺项 {} 份", "files lacking a part: {}";
    AlertDeadline => "{}天后 {}", "in {} days: {}";
    AlertDeadlineToday => "今天截止 {}", "due today: {}";
}
