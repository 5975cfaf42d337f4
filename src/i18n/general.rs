//! The general catalogue: the desk, the register, visits, imports, prints.

messages! {
    M;
    // Command line.
    Usage => "用法：shouhu [--db 文件] [--today 日期] [--lang zh|en] [--theme 主题] [--demo] [命令]

命令：
  (无)                     打开终端界面
  demo [--children N] [--seed S]      生成演示乡镇数据
  import children 文件 [--skip-invalid]  导入摸底排查表（CSV 或 xlsx）
  import visits 文件 [--skip-invalid]    导入走访记录
  due [--within 天数] [--village 村] [--format table|csv|json]  待走访名单
  worklist [--week 2026-W48] [--village 村] [--officer 姓名] [--format html|txt|csv|xlsx|pdf] [--font 字体文件] [-o 文件]
                      打印每周走访工作单（默认本周，html）
  report [--quarter 2026Q4 | --half 2026H2 | --year 2026] [--format table|csv|xlsx|html] [-o 文件]
                      季度、半年或年度统计（默认本季度）
  export children|visits|pairings|referrals [--format csv|xlsx] [--full-id] -o 文件
                      导出（身份证号和电话默认遮盖）
  backup [-o 文件]    备份数据库
  restore 文件        从备份恢复（先留一份安全副本）
  check               检查数据库完整性",
        "usage: shouhu [--db FILE] [--today DATE] [--lang zh|en] [--theme NAME] [--demo] [COMMAND]

commands:
  (none)                   open the terminal UI
  demo [--children N] [--seed S]      fill the database with a synthetic township
  import children FILE [--skip-invalid]  import a survey sheet (CSV or xlsx)
  import visits FILE [--skip-invalid]    import visit records
  due [--within DAYS] [--village NAME] [--format table|csv|json]  the triage list
  worklist [--week 2026-W48] [--village NAME] [--officer NAME] [--format html|txt|csv|xlsx|pdf] [--font FONT] [-o FILE]
                      print the weekly worklist (this week, html by default)
  report [--quarter 2026Q4 | --half 2026H2 | --year 2026] [--format table|csv|xlsx|html] [-o FILE]
                      the quarterly, half-year or yearly report (this quarter by default)
  export children|visits|pairings|referrals [--format csv|xlsx] [--full-id] -o FILE
                      export (ID and phone numbers masked unless --full-id)
  backup [-o FILE]    back up the database
  restore FILE        restore from a backup (a safety copy is kept first)
  check               check the database's integrity";
    UsageHint => "运行 shouhu --help 查看用法。", "Run shouhu --help for usage.";
    ErrUnknownCommand => "未知命令：{}", "unknown command: {}";
    ErrUnknownOption => "未知选项：{}", "unknown option: {}";
    ErrMissingValue => "选项 {} 缺少取值", "option {} needs a value";
    ErrBadValue => "选项 {} 的取值无效：{}", "option {} has an invalid value: {}";
    ErrMissingArg => "缺少参数：{}", "missing argument: {}";
    ErrExtraArg => "多余的参数：{}", "unexpected argument: {}";
    ErrPrefix => "错误：", "error: ";
    WarnPrefix => "注意：", "warning: ";
    // Dates, ID numbers, fields.
    DateUnreadable => "无法识别的日期“{}”（可写 2026-11-15、2026/11/15、20261115）", "cannot read the date \"{}\" (write 2026-11-15, 2026/11/15 or 20261115)";
    DateNoSuchDay => "没有这一天：“{}”", "no such day: \"{}\"";
    DateFuture => "日期 {} 晚于今天", "the date {} is after today";
    DateBeforeBirth => "日期 {} 早于出生日期", "the date {} is before the child's birth";
    IdLength => "身份证号应为 18 位，这里是 {} 位", "an ID number has 18 characters, this one has {}";
    IdBadChar => "身份证号只能是数字，最后一位可以是 X", "an ID number is digits only, with X allowed last";
    IdBadBirth => "身份证号第 7–14 位不是有效的出生日期", "characters 7–14 of the ID number are not a valid birth date";
    IdCheck => "身份证号校验位不对：请对照户口簿或身份证逐位核对", "the ID number's check character is wrong: check every digit against the household register or ID card";
    IdFromNumber => "身份证号被存成了数字，末几位已丢失；请在 Excel 中把该列设为文本", "the ID number was stored as a number and lost its last digits; format the column as text in Excel";
    IdBirthMismatch => "出生日期 {} 与身份证号中的 {} 不一致", "birth date {} disagrees with {} in the ID number";
    IdGenderMismatch => "性别“{}”与身份证号不一致", "gender \"{}\" disagrees with the ID number";
    Required => "必填", "required";
    RequiredUnlessId => "没有身份证号时必填", "required when there is no ID number";
    UnknownValue => "无法识别“{}”，可填：{}", "unknown value \"{}\"; one of: {}";
    UnknownCategory => "未知的儿童类别“{}”", "unknown category \"{}\"";
    UnknownFlag => "未知的重点关注标记“{}”", "unknown focus flag \"{}\"";
    DuplicateRow => "与第 {} 行重复", "duplicates row {}";
    NoChild => "登记册中找不到这名儿童", "no such child in the registry";
    AmbiguousChild => "{} 有多名同名儿童，请填写身份证号", "several children of that name in {}; give the ID number";
    NeedIdOrName => "需要身份证号，或姓名加村（社区）", "needs an ID number, or a name and a village";
    BadGrade => "残疾等级应为一级至四级", "the disability grade is 1 to 4";
    // Import.
    ImportRowError => "第 {} 行，{} 列：{}", "row {}, column {}: {}";
    ImportSameAsNothing => "「同上」没有可以指代的内容（上面一格为空）", "「同上」 (as above) has nothing to refer to";
    ImportNoVillage => "看不出是哪个村（社区）：地址和填报单位都没有写明；请加一列“村（社区）”，或用 --village 村名 指定", "no village: neither the address nor the 填报单位 names one; add a 村（社区） column or give --village NAME";
    ImportNoCategory => "看不出儿童类别：表中没有“儿童类别”，也没有“父母双方同时外出”为是；请加一列“儿童类别”，或用 --category 类别 指定", "no category: the sheet has no 儿童类别 and no 父母双方同时外出 = 是; add the column or give --category NAME";
    NationalMarked => "已记录 {} 名儿童已录入全国儿童福利信息系统（{}）", "recorded {} children as entered in the national system ({})";
    ImportMergedRows => "{} 第 {} 行到第 {} 行的“{}”列是合并单元格，下面几行看不出各自的值：请取消合并、每行填上自己的值后再导入", "{}: rows {} to {} of the column \"{}\" are one merged cell; the rows below it say nothing of their own. Unmerge it and give each row its value";
    ImportTwoColumns => "有两列都像是儿童的{}：「{}」。请删去一列或改名后再导入", "two columns both claim the child's {}: 「{}」. Remove or rename one and import again";
    ReviewAge18 => "已满 18 周岁：请确认退出（退出日期 {}）", "turned 18: confirm the exit (dated {})";
    ReviewLeftBehind16 => "已满 16 周岁：不再属于农村留守儿童，请核实类别", "turned 16: no longer a left-behind child; check the category";
    ReviewParentsHome => "父母均已在家：请核实是否仍属于农村留守儿童", "both parents at home: check whether the child is still left behind";
    ReviewStale => "档案三个月未核实或更新（最近 {}）：请核实", "the case file has not been confirmed or changed for three months (last {}): check it";
    GuardNoCaregiver => "父母外出，没有委托照护人或其他监护人：请落实委托照护", "parents away and nobody entrusted with the child: arrange an entrusted caregiver";
    GuardUnable => "委托照护人无照护能力：请另行确定照护人", "the caregiver cannot care: choose another";
    GuardNoAgreement => "委托照护人非直系亲属，未签委托照护协议书：请签订", "the caregiver is not a direct relative and no care agreement is signed: have it signed";
    AlertBenefitGap => "应保未保 {} 名：{}", "benefit not recorded for {}: {}";
    GapDetail => "未享受{}：请向{}提出", "no {} recorded: refer to {}";
    RegDetail => "说明", "detail";
    TemplateUnknown => "没有名为“{}”的列对应方案（在“儿童”页按 I 导入时保存）", "there is no saved mapping named \"{}\" (saved when importing from 儿童 with I)";
    TemplateUsed => "已按保存的列对应方案“{}”读取", "read with the saved mapping \"{}\"";
    ImportToNotes => "档案中没有对应栏目的内容（如祖父母，父母的出生日期和身份证号）已写入儿童备注的“表格附记”一段", "what the case file has no place for (grandparents, parents' birth dates and ID numbers) went to the 表格附记 block of the child's notes";
    ImportUnknownColumn => "不认识的列，已忽略：{}", "unknown columns, ignored: {}";
    ImportMissingColumn => "缺少必需的列：{}", "a required column is missing: {}";
    ImportEmpty => "文件 {} 中没有数据行", "the file {} holds no data rows";
    ImportNotSheet => "{} 不是可读的表格文件（应为 CSV 或 xlsx）", "{} is not a spreadsheet that can be read (CSV or xlsx expected)";
    ImportCannotRead => "无法读取文件 {}：{}", "cannot read the file {}: {}";
    ImportBrokenSheet => "表格 {} 已损坏或无法打开：{}", "the spreadsheet {} is broken or cannot be opened: {}";
    ImportRefused => "共有 {} 处问题，未导入任何数据。改正后重新导入，或加 --skip-invalid 只导入无误的行。", "{} problems found; nothing was imported. Fix them and import again, or add --skip-invalid to import the valid rows only.";
    ImportSummary => "导入完成：新增 {}，更新 {}，未变 {}，拒绝 {}。", "import done: {} added, {} updated, {} unchanged, {} rejected.";
    ImportRejectedFile => "被拒绝的行及原因已写入 {}", "the rejected rows, with reasons, were written to {}";
    ImportProgress => "导入中", "importing";
    ReasonColumn => "原因", "reason";
    // Store.
    DbLocked => "数据库 {} 正被另一个程序使用，请关闭它后再试", "the database {} is in use by another program; close it and try again";
    DbCorrupt => "{} 不是 shouhu 数据库，或已损坏；可用 shouhu restore 从备份恢复", "{} is not a shouhu database or is damaged; shouhu restore can bring back a backup";
    DbNewer => "数据库 {} 来自更新版本的 shouhu（结构版本 {}），请升级本程序", "the database {} comes from a newer shouhu (schema {}); please upgrade";
    DbNoFolder => "无法打开数据库 {}：文件夹不存在，或没有写入权限", "cannot open the database {}: the folder does not exist or cannot be written";
    DbDiskFull => "磁盘已满：数据库 {} 无法写入，刚才的修改没有保存。请腾出空间后再试", "the disk is full: the database {} cannot be written and the last change was not saved. Free some space and try again";
    DbReadOnly => "数据库 {} 只能读不能写（文件或文件夹是只读的），修改没有保存", "the database {} can be read but not written (the file or its folder is read-only); the change was not saved";
    DbReadOnlyOld => "数据库 {} 是只读的，又需要升级，无法打开；请把它复制到可写的文件夹", "the database {} is read-only and needs an upgrade, so it cannot be opened; copy it to a folder that can be written";
    NewestBackup => "。最近的备份：{}（可用 shouhu restore {} 恢复）", ". The newest backup: {} (shouhu restore {} brings it back)";
    ReadOnlyBanner => "只读", "read-only";
    DbCannotOpen => "无法打开数据库 {}：{}", "cannot open the database {}: {}";
    DbMigrated => "数据库已升级到版本 {}，旧文件备份在 {}", "the database was upgraded to version {}; the old file is kept at {}";
    CheckOk => "数据库完好：{} 名儿童，{} 条走访记录。", "the database is sound: {} children, {} visits.";
    CheckFailed => "数据库检查发现问题：{}", "the database check found problems: {}";
    BackupDone => "已备份到 {}（已检查完好：{} 名儿童，{} 条走访）", "backed up to {} (checked sound: {} children, {} visits)";
    RestoreFrom => "恢复 {}：最近修改 {}，{} 名儿童，{} 条走访", "restoring {}: last changed {}, {} children, {} visits";
    DbMissing => "数据库 {} 不存在。若要新建，请加 --create（导入名册或 demo 会自动新建）", "the database {} does not exist. Add --create to make a new one (import and demo make one themselves)";
    RestoreDone => "已从 {} 恢复；原数据库的安全副本在 {}", "restored from {}; a safety copy of the previous database is at {}";
    RestoreNotDb => "{} 不是 shouhu 备份文件", "{} is not a shouhu backup";
    FileMissing => "找不到文件 {}", "no such file: {}";
    // Demo.
    DemoDone => "已生成演示乡镇：{} 名儿童，{} 个村，{} 条走访记录；{} 名帮扶人，{} 个结对，{} 条帮扶记录；{} 件报告与转介。", "demo township made: {} children, {} villages, {} visits; {} helpers, {} pairings, {} helper activities; {} reports and referrals.";
    DemoNotEmpty => "数据库 {} 中已有数据；演示数据只能写入空数据库", "the database {} already holds data; demo data goes only into an empty one";
    // Triage.
    DueNone => "没有需要走访的儿童。", "no child is due for a visit.";
    DueSummary => "共 {} 名：逾期 {}，{} 天内到期 {}。", "{} children: {} overdue, {} due within {} days.";
    ColName => "姓名", "name";
    ColId => "身份证号", "ID number";
    ColVillage => "村（社区）", "village";
    ColCategories => "儿童类别", "categories";
    ColRule => "规则", "rule";
    ColLastVisit => "最近走访", "last visit";
    ColNextDue => "应访日期", "due";
    ColOverdue => "逾期天数", "days overdue";
    NoVillage => "没有名为“{}”的村（社区）", "no village named \"{}\"";
    // -- terminal UI --
    AppName => "守护", "shouhu";
    TabToday => "今日", "Today";
    TabCases => "儿童", "Cases";
    TabVisits => "走访", "Visits";
    TabPairing => "结对", "Pairing";
    TabReferrals => "转介", "Referrals";
    TabReports => "报表", "Reports";
    TooSmall => "窗口太小：至少需要 {} 列 × {} 行（现在 {} × {}）。请把窗口放大。", "The window is too small: shouhu needs at least {} × {} (now {} × {}). Please enlarge it.";
    KeyHelp => "帮助", "help";
    KeyQuit => "退出", "quit";
    KeyUndo => "撤销上次保存", "undo the last save";
    KeyUp => "上移", "up";
    KeyMove => "移动", "move";
    KeyScreens => "今日 儿童 走访 结对 转介 报表", "Today Cases Visits Pairing Referrals Reports";
    KeyDown => "下移", "down";
    KeyPageUp => "上一页", "page up";
    KeyPageDown => "下一页", "page down";
    KeyTop => "到顶", "top";
    KeyBottom => "到底", "bottom";
    KeyOpenCase => "打开档案", "open the case";
    KeyNewVisit => "记走访", "new visit";
    KeyNewChild => "新儿童", "new child";
    KeyEditChild => "修改", "edit";
    KeyEditVisit => "修改走访", "edit the visit";
    WorkLog => "操作记录", "work log";
    KeyBatch => "录入回收的清单", "type in a returned sheet";
    KeyPrevPeriod => "上一期", "previous";
    KeyNextPeriod => "下一期", "next";
    KeyPrint => "打印", "print";
    KeyPrintText => "打印（文本）", "print (text)";
    KeyToggleReport => "清单/季/半年/年报/结对", "worklist/quarter/half/year/pairing";
    KeyColumnsLeft => "左移列", "columns left";
    KeyColumnsRight => "右移列（看其余各列）", "columns right (see the rest)";
    KeyExport => "导出儿童名册", "export children";
    KeyBackup => "备份", "back up";
    KeySkip => "未走访，跳过", "not visited, skip";
    KeyEnterVisit => "录入走访", "enter the visit";
    KeyFinish => "结束", "finish";
    KeyPair => "结对", "pair";
    KeyNewHelper => "新增帮扶人", "new helper";
    KeyEditHelper => "修改帮扶人", "edit the helper";
    KeyRecordActivity => "帮扶记录", "helper activity";
    KeyWishes => "心愿", "wishes";
    KeyFilterCheck => "按检查项筛选", "filter by check";
    KeyMoveState => "改状态", "move along";
    KeyFollowUp => "跟进", "follow-up";
    KeyImportSheet => "导入表格", "import a sheet";
    KeyConfirmFile => "核实档案无误", "confirm the case file";
    KeyDeclineReviews => "不采纳类别核实提示", "decline the reviews";
    FileConfirmed => "已核实 {} 的档案（{}）", "the case file of {} is confirmed ({})";
    ReviewsDeclined => "已不采纳 {} 的 {} 条核实提示：情况有变化时会再提示", "declined {} reviews of {}: they come back when what they rest on changes";
    KeyGapReferral => "为未享受的救助转介", "refer a benefit gap";
    KeyConfirmExit => "确认年满18周岁退出", "confirm the exit at 18";
    KeyCareAgreement => "打印委托照护协议书", "print the care agreement";
    NoGap => "这名儿童没有未享受的救助", "this child has no benefit gap";
    NoAge18 => "这名儿童未满 18 周岁：类别的核实请在档案中修改（e）", "this child is under 18: change the category in the case file (e)";
    AskConfirmExit => "确认 {} 退出（年满18周岁）？", "confirm the exit of {} (turned 18)?";
    ExitConfirmed => "已退出：{}（{}，年满18周岁）", "exited: {} ({}, turned 18)";
    AgreementPrinted => "已打印委托照护协议书到 {}", "the care agreement is printed to {}";
    CaseRegister => "核实提示", "to check";
    KeyNationalMark => "记为已录入全国系统", "mark as entered in the national system";
    NationalMarkedOne => "已记录：{} 已录入全国系统（{}）", "recorded: {} entered in the national system ({})";
    KeyMapColumn => "指定此列", "give the column a field";
    KeyImportAll => "全部导入", "import all";
    KeyImportValid => "只导入无误的行", "import the valid rows";
    ImportPreviewTitle => "导入预览 · {}（未写入）", "import preview · {} (nothing written)";
    ImportLeftOut => "（不导入）", "(left out)";
    ImportPreviewCounts => "可导入 {} 行，有问题 {} 行", "{} rows to import, {} with problems";
    ImportPickFile => "选择要导入的表格（或输入路径）", "choose a sheet to import (or type its path)";
    ImportPickField => "这一列是", "this column is";
    ImportDoneScreen => "导入完成：新增 {}，更新 {}，未变 {}，另放 {} 行", "import done: {} added, {} updated, {} unchanged, {} set aside";
    ImportRefusedScreen => "未导入：{} 处问题（第一处：{}）。改正后再导入，或按 s 只导入无误的行", "nothing imported: {} problems (the first: {}). Fix them, or s imports the valid rows";
    KeyFilterBody => "按单位筛选", "filter by body";
    KeyRosterReview => "记录年度结对名单复核", "record the yearly roster review";
    BatchNone => "还没有打印过走访清单：先在“报表”页按 p 打印", "no worklist printed yet: print one on Reports with p";
    BatchPick => "选择回收的清单", "Choose the returned sheet";
    BatchListItem => "{} {} · {} 名 · 打印于 {}", "{} {} · {} children · printed {}";
    BatchTitle => "录入清单 {} {}（{} 至 {}）", "Sheet {} {} ({} to {})";
    BatchPosition => "第 {}/{} 名", "child {} of {}";
    BatchVisited => "本周已有走访：{} {}", "already visited this week: {} {}";
    BatchResume => "从第 {} 名继续：前面的本周已录入", "going on from child {}: the ones before are entered for this week";
    BatchGone => "{}：已不在册", "{}: no longer on the register";
    BatchDone => "录入完成：录入走访 {} 名，跳过 {} 名；本清单仍待走访 {} 名。", "done: {} visits entered, {} skipped; {} children of the sheet still due.";
    BatchLastVisit => "最近走访 {} · 应访 {}", "last visit {} · due {}";
    AllVillages => "全乡镇", "whole township";
    ReportsWorklist => "走访清单 {}（{} 至 {}） {} · {} 名", "Worklist {} ({} to {}) {} · {} children";
    ReportsReport => "报表 {}", "Report {}";
    ReportsPairings => "结对帮扶统计 {}", "Pairing report {}";
    Working => "正在处理，请稍候…", "working, please wait…";
    FileWritten => "已写入 {}（{} 行）", "written: {} ({} rows)";
    FileOpened => "已写入 {}，已在浏览器中打开", "written: {}, opened in the browser";
    BackedUp => "已备份到 {}", "backed up to {}";
    LogInsert => "新建", "created";
    LogUpdate => "修改", "changed";
    LogDelete => "删除", "deleted";
    KeyNextPane => "切换窗格", "next pane";
    KeyCaseFilePane => "在列表和档案间切换（档案中 ↑↓ 翻看）", "list / case file (↑↓ scroll the file)";
    KeySearch => "搜索", "search";
    KeyFilterVillage => "按村筛选", "filter by village";
    KeyFilterCategory => "按类别筛选", "filter by category";
    KeyFilterFlag => "按重点关注筛选", "filter by focus flag";
    KeyFilterStatus => "按状态筛选", "filter by status";
    KeyClearFilters => "清除筛选", "clear filters";
    KeyClose => "返回", "back";
    KeyPick => "选择", "pick";
    KeySave => "保存", "save";
    KeyNextField => "下一项", "next field";
    KeyNewLine => "换行", "new line";
    KeyDateShortcuts => "今天 昨天 3天前 11月15日", "today, yesterday, 3 days ago, Nov 15";
    KeySearchDone => "回到列表", "back to the list";
    KeySearchClear => "清除搜索", "clear the search";
    HelpForms => "选项：输入汉字、拼音首字母或序号。日期：t 今天，y 昨天，-3 三天前，1115。随输随存为草稿，断电不丢。", "Lists: type Chinese, pinyin initials or the number. Dates: t, y, -3, 1115. Every form is kept as a draft as you type.";
    HelpFormKeys => "表单：", "Forms: ";
    FormHelpTitle => "表单的按键", "Keys of a form";
    HelpMarks => "◆ 表示有重点关注标记的儿童。多选项（类别、安全教育）：输入筛选，Enter 勾选或取消，可选多项，再按 Enter 到下一项。", "◆ marks a child with a focus flag. Lists of several (categories, safety): type to filter, Enter ticks or unticks, several may be ticked; Enter on an empty filter goes on.";
    Yes => "是", "yes";
    No => "否", "no";
    AskTitle => "请确认", "Please confirm";
    AskKeys => "y/Enter 是    n/Esc 否", "y/Enter yes    n/Esc no";
    AskKeysExit => "y 确认退出    n/Esc/Enter 不退出", "y exit    n/Esc/Enter keep the child";
    AskKeysUndo => "y 撤销    n/Esc/Enter 不撤销", "y undo    n/Esc/Enter keep it";
    AskKeysDiscard => "y 放弃修改    n/Esc/Enter 继续填写", "y discard    n/Esc/Enter keep typing";
    AskDiscard => "表单已修改，放弃修改并关闭吗？", "The form has changes. Discard them and close?";
    AskEmptyVisit => "这次入户走访什么也没填：按“情况正常”保存吗（六个方面都记为正常）？", "Nothing was written for this home visit: save it as all normal (the six domains normal)?";
    AskKeysEmptyVisit => "Enter/y 情况正常    n 照原样保存", "Enter/y all normal    n save as it is";
    AskRestoreDraft => "有一份未保存的草稿，恢复它吗？", "There is an unsaved draft of this form. Restore it?";
    DraftRestored => "草稿已恢复", "draft restored";
    ThemeBroken => "主题无法使用，已改用默认主题：{}", "the theme could not be used; the default is shown: {}";
    TodayTitle => "待走访：逾期 {}，7 天内到期 {}", "Due: {} overdue, {} within 7 days";
    ColOverdueShort => "逾期", "late";
    ColVillageShort => "村", "village";
    ColDueShort => "应访", "due";
    AlertsTitle => "提醒", "Alerts";
    AlertsNone => "今天没有提醒。", "No alerts today.";
    AlertDrafts => "有 {} 份未完成的表单草稿", "{} unfinished form drafts";
    AlertFocusOverdue => "重点关注儿童逾期 {} 名", "{} focus children overdue";
    AlertNeverVisited => "从未走访 {} 名", "{} never visited";
    AlertAgeingOut => "{} 即将满 {} 岁（{}）", "{} turns {} soon ({})";
    AlertAgedOut => "{} 已满 {} 岁，请复核（{}）", "{} is {} or older: review ({})";
    AlertQuarterEnd => "本季度档案更新截止 {}（还有 {} 天）", "quarterly case-file update due {} ({} days left)";
    AlertBirthdays => "本周 {} 名儿童过生日", "{} children have a birthday this week";
    CasesTitle => "儿童 {}/{}", "Children {}/{}";
    SearchHint => "/ 搜索：姓名、拼音首字母、身份证号", "/ search: name, pinyin initials, ID";
    FilterLabel => "筛选：", "filter:";
    FilterAll => "全部", "all";
    OverdueDays => "逾期{}天", "{}d late";
    CaseFileTitle => "档案", "Case file";
    NoChildSelected => "没有选中的儿童", "no child selected";
    AgeYears => "{} 岁", "{} yrs";
    NoIdNumber => "无身份证号", "no ID number";
    RiskLabel => "风险", "risk";
    FlagManual => "手工标记", "set by hand";
    FlagNoHukou => "无身份证号且无户籍", "no ID number and no hukou";
    FlagParent => "父母状况", "parent's status";
    SuggestCategory => "建议类别：{}（按父母状况，请确认）", "suggested category: {} (from the parents' status; please confirm)";
    Father => "父", "father";
    Mother => "母", "mother";
    Guardian => "监护人", "guardian";
    Caregiver => "委托照护人", "caregiver";
    School => "就学", "school";
    Health => "健康", "health";
    DueLine => "应访 {}，还有 {} 天", "due {}, in {} days";
    DueLineLate => "应访 {}，已逾期 {} 天", "due {}, {} days late";
    VisitsTimeline => "走访记录 {} 次", "{} visits";
    VisitsTitle => "最近走访 {} 条", "{} recent visits";
    VisitsNone => "还没有走访记录。在“今日”或“儿童”选中儿童后按 v 记录。", "No visits yet. Select a child on Today or Cases and press v.";
    FormNewChild => "新儿童（摸底排查表）", "New child (survey form)";
    FormEditChild => "修改档案", "Edit case file";
    FormVisit => "走访记录", "Visit record";
    FormPosition => "第 {} 项，共 {} 项 · * 为必填", "field {} of {} · * required";
    PickUnmatched => "“{}”不在选项中：请从列表中选一项，或按退格清除", "\"{}\" is not one of the choices: pick one from the list, or clear it with Backspace";
    VisitTwice => "这名儿童 {} 已有一条{}记录：请核对日期，或在“走访”页修改那一条", "this child already has a visit on {} ({}): check the date, or edit that visit on Visits";
    CannotWrite => "无法写入文件 {}（文件夹不存在、没有权限，或文件正被 Excel 等程序打开）", "cannot write the file {} (no such folder, no permission, or it is open in Excel or another program)";
    IdMasked => "身份证号已遮盖（含 *），无法识别：请用 shouhu export --full-id 导出后再导入", "the ID number is masked (has *): export with shouhu export --full-id to import it again";
    OfficerNotAssigned => "儿童尚未分配负责人：--officer 只写在表头，清单包含全部儿童", "children have no officer assigned yet: --officer only goes into the header; the sheet lists every child";
    FieldError => "{}：{}", "{}: {}";
    FormRefused => "未保存：请先改正“{}”", "not saved: please fix \"{}\" first";
    FormDateHelp => "日期写法：2026-11-15、1115、t（今天）、y（昨天）、-3（3天前）", "dates: 2026-11-15, 1115, t (today), y (yesterday), -3 (3 days ago)";
    FormIdTyped => "已输入 {}/18 位", "{}/18 typed";
    FormIdFilled => "出生 {} · {} · {} 岁", "born {} · {} · {} years";
    IdTaken => "这个身份证号已登记在另一名儿童名下", "this ID number is already registered for another child";
    ChildSaved => "已保存：{}", "saved: {}";
    VisitSaved => "走访已保存：{}，下次应访 {}", "visit saved: {}, next due {}";
    NothingToUndo => "没有可撤销的保存", "nothing to undo";
    Undone => "已撤销：{}", "undone: {}";
    Redone => "已恢复：{}", "done again: {}";
    NothingToRedo => "没有可恢复的撤销", "nothing to redo";
    KeyRedo => "恢复刚撤销的保存", "redo what was undone";
    UndoVisitAdded => "新增走访 {} {}", "new visit {} {}";
    UndoVisitEdited => "修改走访 {} {}", "changed visit {} {}";
    UndoChildAdded => "新增儿童 {}", "new child {}";
    UndoChildEdited => "修改档案 {}", "changed case file {}";
    UndoPairingAdded => "新增结对 {}", "new pairing {}";
    AskUndoChild => "撤销会删除刚新增的儿童档案：{}。确定吗？", "Undoing deletes the case file just added: {}. Go on?";
    FindingOk => "正常", "ok";
    FindingConcern => "关注", "concern";
    VisitDate => "走访日期", "date";
    VisitKindLabel => "走访方式", "kind";
    VisitVisitor => "走访人", "visitor";
    VisitMet => "见到的人", "who was met";
    VisitNote => "说明", "note";
    VisitSafety => "安全教育", "safety education";
    VisitProblems => "发现的问题", "problems found";
    VisitActions => "采取的措施", "actions taken";
    VisitReport => "已报告/转介", "report or referral";
    VisitNextStep => "下一步", "next step";
    VisitNotes => "情况记录", "notes";
    FirstRunTitle => "欢迎使用守护", "Welcome to shouhu";
    FirstRunOfficer => "您的姓名", "your name";
    FirstRunTownship => "乡镇（街道）", "township";
    FirstRunHelp => "第一次使用：请填写您的姓名和所在乡镇，用于状态栏、打印和操作记录。", "First run: your name and township, for the status line, printouts and the audit log.";
    // -- worklists, reports and exports --
    // Worklists.
    ColNo => "序号", "no.";
    ColGender => "性别", "gender";
    ColAge => "年龄", "age";
    ColFlags => "重点关注", "focus flags";
    ColGuardian => "监护人及电话", "guardian and phone";
    ColAddress => "家庭住址", "address";
    ColVisitDate => "走访日期", "visit date";
    ColNotes => "情况记录", "notes";
    ColSignature => "签名", "signature";
    WlTitle => "儿童走访工作单", "Child visit worklist";
    WlTownship => "乡镇（街道）：{}", "Township: {}";
    WlOfficer => "负责人：{}", "Officer: {}";
    WlWeek => "周次：{}（{} 至 {}）", "Week: {} ({} to {})";
    WlVillage => "村（社区）：{}", "Village: {}";
    WlAllVillages => "全部村（社区）", "all villages";
    WlPrintedOn => "打印日期：{}", "Printed on: {}";
    WlGroupTotal => "{}：共 {} 名，其中逾期 {} 名", "{}: {} children, {} overdue";
    WlTotal => "合计：{} 个村（社区），{} 名儿童，其中逾期 {} 名", "Total: {} villages, {} children, {} overdue";
    WlEmpty => "本周没有需要走访的儿童。", "No child is due for a visit this week.";
    PageOf => "第 {} 页 共 {} 页", "page {} of {}";
    Written => "已写入 {}（{} 行）", "wrote {} ({} rows)";
    PdfUnavailable => "无法生成 PDF：{}。请改用 --format html，用浏览器打开后打印（或“另存为 PDF”）。", "cannot make a PDF: {}. Use --format html instead and print it from a browser (or save it as PDF there).";
    PdfNoFont => "本机没有找到中文（CJK）字体文件（可用 --font 指定）", "no CJK font file was found on this machine (name one with --font)";
    PdfBadFont => "无法读取字体文件 {}：{}", "cannot read the font file {}: {}";
    PdfMissingGlyph => "字体 {} 中没有“{}”这个字，PDF 无法正确显示；请用 --font 指定其他中文字体，或改用 --format html", "the font {} has no glyph for \"{}\", so the PDF cannot show it; name another CJK font with --font, or use --format html";
    // Reports.
    RpTitle => "儿童关爱保护工作统计表", "Child welfare work report";
    RpPeriod => "统计期间：{}（{} 至 {}）", "Period: {} ({} to {})";
    RpAsOf => "在册人数与走访覆盖率截至 {}；当前逾期按 {} 计", "children on the register and visit coverage as of {}; overdue now as of {}";
    RpActive => "在册儿童", "active";
    RpNew => "新增", "new";
    RpExited => "退出", "exited";
    RpHomeVisits => "入户走访次数", "home visits";
    RpCovered => "按时走访", "visited on time";
    RpCoverage => "走访覆盖率", "visit coverage";
    RpOverdue => "当前逾期", "overdue now";
    RpTownship => "全乡镇（街道）合计", "township total";
    RpNotYet => "未含强制报告与转介、应保未保：相关台账尚未建立。", "Mandatory reports and referrals, and benefit gaps are not included: those registers do not exist yet.";
    RpPriority => "重点儿童", "priority children";
    RpPairingTitle => "结对帮扶工作统计表", "Pairing report";
    RpUnit => "帮扶单位", "unit";
    RpPairedChildren => "结对儿童", "children paired";
    RpPatrolVisits => "巡查走访", "patrol visits";
    RpCareVisits => "慰问", "care visits";
    RpWishes => "心愿实现", "wishes fulfilled";
    RpProblems => "转交问题", "problems passed on";
    RpPairingTotals => "结对儿童 {}，巡查走访 {}，慰问 {}，心愿实现 {}，转交问题 {}", "{} children paired, {} patrol visits, {} care visits, {} wishes fulfilled, {} problems passed on";
    RpPriorityPaired => "有爱心家庭", "with a family";
    RpPairingCoverage => "结对覆盖率", "pairing coverage";
    ErrConflict => "选项 {} 与 {} 不能同时使用", "options {} and {} cannot be used together";
    // Keys and the key map file.
    KeyMandatory => "强制报告", "mandatory report";
    KeyReferral => "转介", "referral";
    KeyPrevField => "上一项", "previous field";
    KeyClearField => "清空本项", "clear the field";
    KeyAllOk => "六个方面全部正常", "all six domains normal";
    KeyAdvance => "下一项（最后一项时保存）", "next field (save on the last)";
    KeySafeAnswer => "默认答案（保留所填）", "the safe answer (keep what was typed)";
    KeymapBroken => "按键设置文件 {} 有误，已用默认按键：{}", "the key map {} is broken; the default keys are used: {}";
    KeymapUnknown => "按键设置：不认识的「{}」{}，已忽略", "key map: unknown [{}] {}; ignored";
    KeymapBadKey => "按键设置：[{}] {} 的按键 {} 无法识别，仍用默认按键", "key map: [{}] {}: key {} not understood; the default is kept";
    KeymapConflict => "按键设置：[{}] {} 的按键 {} 已有他用，仍用默认按键", "key map: [{}] {}: key {} is taken; the default is kept";
    DailyBackupFailed => "今天的自动备份没有做成：{}", "today's automatic backup failed: {}";
    CopyDamaged => "{} 已损坏，不能使用：{}", "{} is damaged and cannot be used: {}";
    IdConflict => "姓名、出生日期和村与已登记的 {} 相同，但身份证号不同（已登记 {}）：请核对后在档案中修改", "name, birth date and village are those of the registered {}, but the ID number differs (registered {}): check and correct it in the case file";
    IdNameDisagree => "身份证号属于已登记的 {}，表中姓名却是 {}：请核对", "the ID number belongs to the registered {}, but the sheet says {}: please check";
    ImportTooBig => "{} 太大（超过 {} MB），不像是一份名册；请检查文件", "{} is too big (over {} MB) to be a register; please check the file";
    ImportCellTooLong => "{} 第 {} 行第 {} 列的内容超过 {} 个字，无法导入", "{}: row {}, column {} holds more than {} characters and cannot be imported";
    PhoneBad => "电话号码不对：手机号是以 1 开头的 11 位数字，座机要带区号（如 0838-1234567）", "the phone number is not right: a mobile has 11 digits beginning with 1; a landline needs its area code (e.g. 0838-1234567)";
    IdTakenBy => "这个身份证号已登记给 {}（{}）", "this ID number is registered to {} ({})";
    AskOpenTaken => "身份证号已登记给 {}。打开这名儿童的档案吗？（正在填的表会留作草稿）", "The ID number is registered to {}. Open that child's case file? (this form is kept as a draft)";
    AskKeysOpenTaken => "y 打开档案    n/Esc/Enter 回到表单", "y open the case    n/Esc/Enter back to the form";
    ExitReasonNeeded => "退出要写明原因（如 年满18岁、父母返乡）", "say why the child leaves the register (e.g. turned 18, parents came home)";
    CaseExited => "已退出 {} · {}", "left the register {} · {}";
    NameTooLong => "姓名有 {} 个字，太长了（最多 {} 个）", "the name has {} characters: too long (at most {})";
    NameInvisible => "姓名里有看不见的字符（{}），请重新输入姓名", "the name holds an invisible character ({}); please type the name again";
    LogExport => "导出", "exported ";
    LogPrint => "打印", "printed ";
    LogSet => "设置", "set ";
    LogChild => "档案", "a case file";
    LogVisit => "走访", "a visit";
    LogWorklist => "清单", "a worklist";
    LogSettings => "设置项", "a setting";
    LogRows => "行", "rows";
    LogTitle => "工作日志 · {}（{} 条）", "Work log · {} ({} lines)";
    LogNone => "还没有记录。", "Nothing recorded yet.";
    LogAll => "全部操作", "everything";
    KeyFindVisits => "查找走访", "find visits";
    KeySortByDue => "按姓名/按应访日期排序", "sort by name / by due date";
    KeyFocusOnly => "只看重点关注（◆）", "focus children (◆) only";
    VisitSavedLate => "走访已保存：{}（{}不计入走访频次），仍逾期 {} 天", "visit saved: {} ({} does not count toward the cadence), still {} days overdue";
    KeyVisitsOf => "这名儿童的全部走访（打开修改）", "every visit of this child (open to correct)";
    KeyLog => "工作日志（谁在何时做了什么）", "work log (who did what, when)";
    SettingsTitle => "设置（本机）", "Settings (this desk)";
    SettingsTheme => "配色", "theme";
    SettingsPhone => "联系电话", "phone";
    SettingsLang => "语言", "language";
    SettingsSaved => "设置已保存", "settings saved";
    KeySettings => "设置（姓名、乡镇、配色、语言）", "settings (name, township, theme, language)";
    PinTitle => "锁屏密码（共用电脑时使用）", "Screen lock PIN (for a shared PC)";
    PinNew => "新密码", "new PIN";
    PinAgain => "再输一遍", "the PIN again";
    PinMinutes => "锁屏（分钟）", "lock after (min)";
    PinHelp => "密码至少 4 位；两项都留空则关闭锁屏。密码只保存加盐散列，忘记后只能在数据库设置中清除。", "At least 4 characters; leave both empty to turn the lock off. Only a salted hash is kept.";
    PinShort => "密码至少 4 位", "at least 4 characters";
    PinDiffer => "两次输入不一样", "the two differ";
    PinBadMinutes => "请填 1 到 240 之间的分钟数", "minutes from 1 to 240";
    PinSet => "锁屏密码已设置：{} 分钟不用即锁屏", "PIN set: the screen locks after {} minutes idle";
    PinOff => "锁屏已关闭", "screen lock off";
    LockTitle => "已锁屏", "Locked";
    LockPrompt => "请输入锁屏密码，按 Enter 解锁：", "Type the PIN and press Enter to unlock:";
    LockWrong => "密码不对，请再试", "wrong PIN; try again";
    KeyUnlock => "解锁", "unlock";
    KeySetPin => "设置锁屏密码", "set the screen lock PIN";
    CipherNotBuilt => "这个版本的 shouhu 不含加密功能（需用 --features encryption 编译的版本）；数据库没有加密", "this build of shouhu has no encryption (a build made with --features encryption is needed); nothing was encrypted";
    CipherOldSchema => "{} 需要先升级（用 shouhu check 打开一次）再加密或解密", "{} must be upgraded first (open it once with shouhu check) before it is encrypted or decrypted";
    CipherNeedKey => "要加密或打开加密的数据库，请用环境变量 SHOUHU_KEY 或 --key-file 文件 给出密码", "to encrypt or open an encrypted database, give the passphrase in SHOUHU_KEY or --key-file FILE";
    CipherWrongKey => "数据库 {} 读不出来：它已加密而密码不对（或没有给出密码），或者不是 shouhu 数据库、已损坏", "the database {} cannot be read: it is encrypted and the passphrase is wrong (or missing), or it is not a shouhu database or is damaged";
    CipherEncrypted => "已加密 {}：以后打开都需要密码（SHOUHU_KEY、--key-file 或启动时输入）。请记住密码：忘记就无法恢复", "encrypted {}: it needs the passphrase from now on (SHOUHU_KEY, --key-file, or typed at start). Keep the passphrase: without it nothing can be recovered";
    CipherDecrypted => "已解密 {}：不再需要密码", "decrypted {}: no passphrase is needed any more";
    CipherAsk => "数据库已加密，请输入密码（Enter 确认，Esc 退出）：", "The database is encrypted. Type the passphrase (Enter to open, Esc to leave): ";
    // Output files.
    OutNoName => "没有给出文件名", "no file name given";
    OutIsDatabase => "不能写入 {}：这是正在使用的数据库（或它的附属文件）", "will not write {}: it is the database in use (or one of its files)";
    OutNotFile => "不能写入 {}：它不是普通文件（是文件夹或设备）", "will not write {}: it is not a plain file (a folder or a device)";
    OutExists => "文件 {} 已存在；要覆盖请加 --force", "{} exists already; add --force to replace it";
    OutDiskFull => "磁盘已满，无法写入 {}；原有文件未改动。请腾出空间后再试", "the disk is full: {} could not be written; any old file is as it was. Free some space and try again";
    OutHeld => "文件 {} 正被其他程序（如 WPS、Excel）打开，请关闭后再试", "{} is open in another program (WPS, Excel); close it and try again";
    // Exports.
    ExportDone => "已导出 {} 行到 {}（{}）", "exported {} rows to {} ({})";
    ExportMasked => "身份证号和电话已遮盖", "ID and phone numbers masked";
    ExportFull => "身份证号和电话为完整号码，请妥善保管", "full ID and phone numbers: keep this file safe";
}
