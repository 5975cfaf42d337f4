//! The rules of `spec/domain.md`, as pure Rust: no I/O here.

pub mod alerts;
pub mod benefits;
pub mod cadence;
pub mod child;
pub mod date;
pub mod gap_rules;
pub mod idnum;
pub mod pairing;
pub mod paperwork;
pub mod referral;
pub mod register;
pub mod text;
pub mod vocab;

pub use child::{Child, Person, Visit};

use vocab::vocab;

vocab! {
    /// Gender, as the ID number and the forms know it.
    Gender {
        Male = "male", "男", "male", ["m", "男性"];
        Female = "female", "女", "female", ["f", "女性"];
    }
}

vocab! {
    /// The categories of children the officers look after (domain.md, "Categories").
    Category {
        Orphan = "orphan", "孤儿", "orphan", ["社会散居孤儿", "散居孤儿"];
        DeFactoUnsupported = "de_facto_unsupported", "事实无人抚养儿童", "de-facto unsupported", ["事实无人抚养"];
        DibaoSevere = "dibao_severe", "低保家庭重残重病儿童", "dibao, severely disabled or ill", ["重残重病", "低保家庭重残、重病儿童"];
        DibaoOther = "dibao_other", "其他低保家庭儿童", "other dibao family", ["低保", "低保家庭儿童"];
        OtherDifficulty = "other_difficulty", "其他困境儿童", "other in difficulty", ["困境", "困境儿童"];
        LeftBehind = "left_behind", "农村留守儿童", "left-behind", ["留守儿童", "留守"];
        Street = "street", "流浪儿童", "street child", ["流浪", "流浪乞讨儿童"];
        SingleParent = "single_parent", "单亲家庭儿童", "single-parent family", ["单亲", "单亲家庭"];
    }
}

impl Category {
    /// The age at which a child leaves the category.
    pub fn age_limit(self) -> u32 {
        match self {
            Category::LeftBehind => 16,
            _ => 18,
        }
    }

    /// Seed 003's categories 1–3, the priority for family pairing.
    pub fn is_priority(self) -> bool {
        matches!(
            self,
            Category::Orphan | Category::DeFactoUnsupported | Category::DibaoSevere
        )
    }

    /// Joins categories with `、` in the order of the spec's table.
    pub fn join_zh(cats: &[Category]) -> String {
        let mut sorted = cats.to_vec();
        sorted.sort();
        sorted.dedup();
        sorted.iter().map(|c| c.zh()).collect::<Vec<_>>().join("、")
    }
}

vocab! {
    /// Where a child is brought up (004: 亲属抚养, 机构养育, 家庭寄养, 收养; 散居
    /// for an orphan in the community). A child in an institution is not
    /// paired (003); every other placement is in the community.
    Placement {
        Community = "community", "散居", "in the community", ["社会散居"];
        Kinship = "kinship", "亲属抚养", "with relatives", ["亲属照料", "亲属监护"];
        Institution = "institution", "机构养育", "in an institution", ["机构", "福利院", "集中供养"];
        Foster = "foster", "家庭寄养", "in foster care", ["寄养"];
        Adoption = "adoption", "收养", "adopted", ["依法收养"];
    }
}

vocab! {
    /// The nature of a household registration: 农村留守儿童 requires a rural
    /// one (003 「农村籍」).
    HukouNature {
        Rural = "rural", "农村", "rural", ["农村居民户口", "农业户口", "农业", "农村户口", "农村籍"];
        Urban = "urban", "城镇", "urban", ["城镇居民户口", "非农业户口", "非农业", "城镇户口", "居民户口"];
    }
}

vocab! {
    /// Focus flags (重点关注).
    Flag {
        PoorGuardianship = "poor_guardianship", "监护较差", "poor guardianship", ["监护缺失"];
        OutOfSchool = "out_of_school", "失学辍学", "out of school", ["辍学", "失学"];
        NoHukou = "no_hukou", "无户籍", "no household registration", ["无户口"];
        DisabledOrIll = "disabled_or_ill", "残疾患病", "disabled or ill", ["残疾", "患病"];
        ParentSevereDisability = "parent_severe_disability", "父母重残", "parent severely disabled", ["父母一方或双方重残"];
        PsychOrBehaviour = "psych_or_behaviour", "心理行为异常", "psychological or behavioural problem", ["心理或行为异常", "心理异常", "行为异常"];
        LivingAlone = "living_alone", "单独居住", "living alone", ["独居", "脱离监护单独居住"];
    }
}

vocab! {
    /// What a father or mother is doing, as far as guardianship goes.
    ParentStatus {
        AtHome = "at_home", "在家", "at home", ["在家务农"];
        Migrant = "migrant", "外出务工", "migrant worker", ["外出", "务工"];
        SevereDisability = "severe_disability", "重残", "severely disabled", ["重度残疾"];
        SeriousIllness = "serious_illness", "重病", "seriously ill", [];
        Prison = "prison", "服刑", "in prison", ["服刑在押"];
        DrugRehab = "drug_rehab", "强制隔离戒毒", "compulsory drug rehabilitation", ["戒毒"];
        Detained = "detained", "限制人身自由", "otherwise deprived of liberty", ["被执行其他限制人身自由的措施"];
        OutOfContact = "out_of_contact", "失联", "out of contact", [];
        Missing = "missing", "失踪", "missing", [];
        GuardianshipRevoked = "guardianship_revoked", "撤销监护资格", "guardianship revoked", ["撤销监护"];
        Deported = "deported", "遣送出境", "deported", [];
        Deceased = "deceased", "死亡", "deceased", ["去世", "已故"];
        Unknown = "unknown", "不详", "unknown", ["未知"];
    }
}

impl ParentStatus {
    /// The states of seed 003 in which a parent cannot raise the child.
    fn unable(self) -> bool {
        matches!(
            self,
            ParentStatus::SevereDisability
                | ParentStatus::SeriousIllness
                | ParentStatus::Prison
                | ParentStatus::DrugRehab
                | ParentStatus::Detained
                | ParentStatus::OutOfContact
        )
    }

    fn gone(self) -> bool {
        matches!(self, ParentStatus::Deceased | ParentStatus::Missing)
    }
}

vocab! {
    /// Schooling status.
    SchoolStatus {
        Preschool = "preschool", "学前", "pre-school", ["未入学"];
        InSchool = "in_school", "在校", "in school", ["在读", "在学"];
        DroppedOut = "dropped_out", "辍学", "dropped out", [];
        OutOfSchool = "out_of_school", "失学", "out of school", [];
        Graduated = "graduated", "毕业", "graduated", ["已毕业"];
        Other = "other", "其他", "other", ["毕业/其他"];
    }
}

vocab! {
    /// Health.
    Health {
        Healthy = "healthy", "健康", "healthy", ["良好"];
        Disabled = "disabled", "残疾", "disabled", [];
        SeriouslyIll = "seriously_ill", "重病", "seriously ill", ["患病", "大病"];
    }
}

vocab! {
    /// Disability type.
    DisabilityType {
        Vision = "vision", "视力", "vision", ["视力残疾"];
        Hearing = "hearing", "听力", "hearing", ["听力残疾"];
        Speech = "speech", "言语", "speech", ["言语残疾"];
        Physical = "physical", "肢体", "physical", ["肢体残疾"];
        Intellectual = "intellectual", "智力", "intellectual", ["智力残疾"];
        Mental = "mental", "精神", "mental", ["精神残疾"];
        Multiple = "multiple", "多重", "multiple", ["多重残疾"];
        // The rehabilitation programme's own kinds (004: 脑瘫、孤独症).
        CerebralPalsy = "cerebral_palsy", "脑瘫", "cerebral palsy", ["脑性瘫痪"];
        Autism = "autism", "孤独症", "autism", ["自闭症", "孤独症谱系障碍"];
    }
}

vocab! {
    /// Why a child leaves the register (the officer may write another).
    ExitReason {
        AgedOut = "aged_out", "年满18周岁", "turned 18", ["年满18岁", "满18周岁", "成年"];
        ParentsReturned = "parents_returned", "父母返乡", "parents came home", ["父母返回", "父母回家"];
        MovedAway = "moved_away", "迁出", "moved away", ["迁出本乡镇", "户籍迁出", "搬走"];
        NoLongerApplies = "no_longer_applies", "不再符合条件", "the category no longer applies", ["不符合条件", "条件消失"];
        Death = "death", "死亡", "death", ["去世", "已故"];
        Other = "other", "其他", "other", [];
    }
}

vocab! {
    /// The risk level of the social-protection assessment (seed 004).
    RiskLevel {
        One = "1", "一级", "level 1", ["1级", "一"];
        Two = "2", "二级", "level 2", ["2级", "二"];
        Three = "3", "三级", "level 3", ["3级", "三"];
        Nil = "none", "无", "none", ["无风险", "-"];
    }
}

vocab! {
    /// How a visit was made.
    VisitKind {
        Home = "home", "入户", "home visit", ["入户走访", "家访", "走访"];
        School = "school", "到校", "school visit", ["到校走访", "学校"];
        Phone = "phone", "电话", "phone", ["电话联系", "电访"];
        Video = "video", "视频", "video", ["视频通话"];
        Care = "care", "慰问", "care visit", ["节日慰问"];
        Historic = "historic", "历史记录", "earlier visit (imported)", ["导入"];
    }
}

vocab! {
    /// A finding domain of a visit.
    Domain {
        Guardianship = "guardianship", "监护", "guardianship", ["监护情况"];
        Safety = "safety", "安全", "safety", ["安全状况"];
        Schooling = "schooling", "就学", "schooling", ["就学情况"];
        HealthD = "health", "健康", "health", ["身体健康"];
        Mental = "mental", "心理", "mental state", ["心理状况"];
        Living = "living", "生活", "living conditions", ["生活条件"];
    }
}

vocab! {
    /// Safety education given on a visit.
    SafetyTopic {
        Drowning = "drowning", "防溺水", "drowning", ["溺水"];
        SexualAbuse = "sexual_abuse", "防性侵", "sexual abuse", ["性侵"];
        Bullying = "bullying", "防欺凌", "bullying", ["欺凌"];
        Road = "road", "交通", "road safety", ["交通安全"];
        Online = "online", "网络", "online safety", ["网络安全"];
    }
}

vocab! {
    /// Whether a child's case is open.
    ChildStatus {
        Active = "active", "在册", "active", ["正常"];
        Exited = "exited", "已退出", "exited", ["退出"];
    }
}
