//! Ids of the norms the engine reads. Kept in one place so a typo is a compile error and the
//! catalogue test can check that every id the engine uses exists.

pub const SLOTS_PER_1000_TARGET: &str = "childcare.slots_per_1000.target_2025";
pub const NURSING_SHARE_TARGET: &str = "elderly.nursing_bed_share.target_2025";
pub const BEDS_PER_1000_ELDERLY: &str = "elderly.beds_per_1000_elderly";
pub const STANDARDISATION_TARGET: &str = "school.standardisation.target";

pub const CHILDCARE_CLASS_MAX_INFANT: &str = "childcare.class_max.infant";
pub const CHILDCARE_CLASS_MAX_SMALL: &str = "childcare.class_max.toddler_small";
pub const CHILDCARE_CLASS_MAX_LARGE: &str = "childcare.class_max.toddler_large";
pub const CHILDCARE_CLASS_MAX_MIXED: &str = "childcare.class_max.mixed";
pub const CHILDCARE_CLASS_MAX_NURSERY: &str = "childcare.class_max.nursery";
pub const CHILDCARE_RATIO_INFANT: &str = "childcare.ratio.infant";
pub const CHILDCARE_RATIO_SMALL: &str = "childcare.ratio.toddler_small";
pub const CHILDCARE_RATIO_LARGE: &str = "childcare.ratio.toddler_large";
pub const CHILDCARE_RATIO_MIXED: &str = "childcare.ratio.mixed";
pub const CHILDCARE_RATIO_NURSERY: &str = "childcare.ratio.nursery";
pub const FAMILY_MAX_CHILDREN: &str = "childcare.family.max_children";
pub const FAMILY_RATIO: &str = "childcare.family.ratio";
pub const FTE_FULL_DAY: &str = "childcare.fte.full_day";
pub const FTE_HALF_DAY: &str = "childcare.fte.half_day";
pub const FTE_HOURLY: &str = "childcare.fte.hourly";
pub const FTE_TEMPORARY: &str = "childcare.fte.temporary";

pub const ROOM_AREA_PER_BED: &str = "elderly.room_area_per_bed_m2";
pub const MAX_BEDS_PER_NURSING_ROOM: &str = "elderly.max_beds_per_nursing_room";

pub const SCHOOL_MIN_MET: &str = "school.pass.min_indicators_met";
pub const SCHOOL_REMAINING_SHARE: &str = "school.pass.remaining_share";
pub const SCHOOL_CLASS_MAX_PRIMARY: &str = "school.class_max.primary";
pub const SCHOOL_CLASS_MAX_JUNIOR: &str = "school.class_max.junior";
pub const SCHOOL_SIZE_MAX_COMPLETE: &str = "school.size_max.complete";
pub const SCHOOL_SIZE_MAX_THROUGH: &str = "school.size_max.through";
pub const TEACHING_POINT_MIN_STUDENTS: &str = "school.teaching_point_min_students";
pub const CV_LIMIT_PRIMARY: &str = "school.cv_limit.primary";
pub const CV_LIMIT_JUNIOR: &str = "school.cv_limit.junior";

pub const STAFF_RATIO_PRIMARY: &str = "school.staff_ratio.primary";
pub const STAFF_RATIO_JUNIOR: &str = "school.staff_ratio.junior";
pub const STAFF_RATIO_SENIOR: &str = "school.staff_ratio.senior";
pub const SENIOR_INTAKE_CLASS_MAX: &str = "school.class_max.senior_intake";
pub const SENIOR_SIZE_MAX_NEW: &str = "school.senior.size_max_new";
pub const SENIOR_COUNTY_MIN_POPULATION: &str = "school.senior.county_min_population";
pub const SENIOR_COUNTY_MIN_GRADUATES: &str = "school.senior.county_min_junior_graduates";

pub const NURSING_SHARE_TARGET_2030: &str = "elderly.nursing_bed_share.target_2030";
pub const ENROLMENT_RATE_INCREASE_2030: &str = "childcare.enrolment_rate.increase_2030";
pub const ENROLMENT_RATE_NATIONAL_2025: &str = "childcare.enrolment_rate.national_2025";
pub const UTILISATION_WARNING: &str = "childcare.utilisation_warning";
pub const OCCUPANCY_WARNING: &str = "elderly.occupancy_warning";
pub const THREE_TIER_NETWORK_YEAR: &str = "elderly.network.county_three_tier_year";
pub const SENIOR_PEAK_YEAR: &str = "school.senior.enrolment_peak_year";
pub const EMBEDDED_MIN_AREA: &str = "community.embedded.min_area_m2";
pub const EMBEDDED_MIN_FUNCTIONS: &str = "community.embedded.min_functions";
pub const SUBSIDY_PER_CHILD_YEAR: &str = "subsidy.childcare.per_child_year";
pub const SUBSIDY_CENTRAL_SHARE: &str = "subsidy.childcare.central_share";
pub const SUBSIDY_PROVINCIAL_SHARE: &str = "subsidy.childcare.provincial_share";
pub const SUBSIDY_COUNTY_SHARE: &str = "subsidy.childcare.county_share";
pub const SUBSIDY_OPERATING_PER_CHILD_MONTH: &str = "subsidy.childcare.operating_per_child_month";
pub const SITING_NEW_CAPACITY_CHILDCARE: &str = "siting.new_site_capacity.childcare";
pub const SITING_NEW_CAPACITY_ELDERLY: &str = "siting.new_site_capacity.elderly";
pub const SITING_NEW_CAPACITY_SCHOOL: &str = "siting.new_site_capacity.school";
pub const SITING_CATCHMENT_MULTIPLE: &str = "siting.catchment_multiple";
pub const DEMAND_CHILDCARE_UPTAKE: &str = "demand.childcare.uptake";
pub const DEMAND_DISABLED_SHARE: &str = "demand.elderly.disabled_share";
pub const DEMAND_INSTITUTIONAL_UPTAKE: &str = "demand.elderly.institutional_uptake";
pub const DEMAND_OCCUPANCY_TARGET: &str = "demand.elderly.occupancy_target";
pub const DEMAND_ENROLMENT_PRIMARY: &str = "demand.school.enrolment.primary";
pub const DEMAND_ENROLMENT_JUNIOR: &str = "demand.school.enrolment.junior";
pub const DEMAND_ENROLMENT_SENIOR: &str = "demand.school.enrolment.senior";

pub const BASIC_CV_LIMIT_PRIMARY: &str = "school.basic.cv_limit.primary";
pub const BASIC_CV_LIMIT_JUNIOR: &str = "school.basic.cv_limit.junior";

pub const NURSING_SHARE_NEW_INSTITUTION: &str = "elderly.nursing_bed_share.new_institution";

pub const COST_CHILDCARE_CONSTRUCTION: &str = "cost.childcare.construction_per_slot";
pub const COST_CHILDCARE_OPERATING: &str = "cost.childcare.operating_per_slot_year";
pub const COST_CHILDCARE_SUBSIDY: &str = "cost.childcare.central_subsidy_per_slot";
pub const COST_ELDERLY_CONSTRUCTION: &str = "cost.elderly.construction_per_bed";
pub const COST_ELDERLY_OPERATING: &str = "cost.elderly.operating_per_bed_year";
pub const COST_SCHOOL_CONSTRUCTION: &str = "cost.school.construction_per_place";
pub const COST_SCHOOL_OPERATING: &str = "cost.school.operating_per_place_year";

/// Every id above, for the catalogue completeness test.
pub const ALL_ENGINE_IDS: &[&str] = &[
    SLOTS_PER_1000_TARGET,
    NURSING_SHARE_TARGET,
    BEDS_PER_1000_ELDERLY,
    STANDARDISATION_TARGET,
    CHILDCARE_CLASS_MAX_INFANT,
    CHILDCARE_CLASS_MAX_SMALL,
    CHILDCARE_CLASS_MAX_LARGE,
    CHILDCARE_CLASS_MAX_MIXED,
    CHILDCARE_CLASS_MAX_NURSERY,
    CHILDCARE_RATIO_INFANT,
    CHILDCARE_RATIO_SMALL,
    CHILDCARE_RATIO_LARGE,
    CHILDCARE_RATIO_MIXED,
    CHILDCARE_RATIO_NURSERY,
    FAMILY_MAX_CHILDREN,
    FAMILY_RATIO,
    FTE_FULL_DAY,
    FTE_HALF_DAY,
    FTE_HOURLY,
    FTE_TEMPORARY,
    ROOM_AREA_PER_BED,
    MAX_BEDS_PER_NURSING_ROOM,
    SCHOOL_MIN_MET,
    SCHOOL_REMAINING_SHARE,
    SCHOOL_CLASS_MAX_PRIMARY,
    SCHOOL_CLASS_MAX_JUNIOR,
    SCHOOL_SIZE_MAX_COMPLETE,
    SCHOOL_SIZE_MAX_THROUGH,
    TEACHING_POINT_MIN_STUDENTS,
    CV_LIMIT_PRIMARY,
    CV_LIMIT_JUNIOR,
    STAFF_RATIO_PRIMARY,
    STAFF_RATIO_JUNIOR,
    STAFF_RATIO_SENIOR,
    SENIOR_INTAKE_CLASS_MAX,
    SENIOR_SIZE_MAX_NEW,
    SENIOR_COUNTY_MIN_POPULATION,
    SENIOR_COUNTY_MIN_GRADUATES,
    NURSING_SHARE_TARGET_2030,
    ENROLMENT_RATE_INCREASE_2030,
    ENROLMENT_RATE_NATIONAL_2025,
    UTILISATION_WARNING,
    OCCUPANCY_WARNING,
    THREE_TIER_NETWORK_YEAR,
    SENIOR_PEAK_YEAR,
    EMBEDDED_MIN_AREA,
    EMBEDDED_MIN_FUNCTIONS,
    SUBSIDY_PER_CHILD_YEAR,
    SUBSIDY_CENTRAL_SHARE,
    SUBSIDY_PROVINCIAL_SHARE,
    SUBSIDY_COUNTY_SHARE,
    SUBSIDY_OPERATING_PER_CHILD_MONTH,
    DEMAND_CHILDCARE_UPTAKE,
    DEMAND_DISABLED_SHARE,
    DEMAND_INSTITUTIONAL_UPTAKE,
    DEMAND_OCCUPANCY_TARGET,
    DEMAND_ENROLMENT_PRIMARY,
    DEMAND_ENROLMENT_JUNIOR,
    DEMAND_ENROLMENT_SENIOR,
    BASIC_CV_LIMIT_PRIMARY,
    BASIC_CV_LIMIT_JUNIOR,
    NURSING_SHARE_NEW_INSTITUTION,
    COST_CHILDCARE_CONSTRUCTION,
    COST_CHILDCARE_OPERATING,
    COST_CHILDCARE_SUBSIDY,
    COST_ELDERLY_CONSTRUCTION,
    COST_ELDERLY_OPERATING,
    COST_SCHOOL_CONSTRUCTION,
    COST_SCHOOL_OPERATING,
];
