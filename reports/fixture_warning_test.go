package reports

// fixtureWarning: the early warning of the fixture town's latest term
// (2025-1), its backtest and the 关爱台账, with the columns
// docs/data-dictionary.md gives them (only those the reports read).
//
//	刘小雨 中心小学 四年级1班 (班主任 郭红梅): 本学期 6 of 50 days unexcused =
//	  12% → chronic (3), 双亲留守 (1): 4, 中.
//	林小花 same class: 低, not listed.
//	何小军 中心小学 五年级2班 (钟建华): no attendance (absence unknown), returned
//	  dropout (3), over-age by 2 (2), repeated (2): 7, 高.
//	马小龙 初级中学 八年级1班: November 5 of 20 = 25% → rising (2), moved from
//	  东山小学 (1), 建档立卡 (1): 4, 中. Outside the household register: no village.
const fixtureWarning = `
CREATE SCHEMA config;
CREATE TABLE config.early_warning(high INTEGER, medium INTEGER, chronic_absence_share DECIMAL(9,4),
	rising_absence_share DECIMAL(9,4), over_age_years INTEGER);
CREATE TABLE mart.early_warning(school_year INTEGER, term INTEGER, id_number VARCHAR, name VARCHAR,
	chronic_absence BOOLEAN, absence_rising BOOLEAN, returned_dropout BOOLEAN, over_age BOOLEAN, repeated_grade BOOLEAN,
	left_behind BOOLEAN, poor_household BOOLEAN, disabled BOOLEAN, moved_school BOOLEAN, score INTEGER, tier VARCHAR,
	attendance_reported BOOLEAN, school_code VARCHAR, grade INTEGER, class_no VARCHAR, head_teacher VARCHAR,
	guardian VARCHAR, guardian_phone VARCHAR, village_code VARCHAR, village_name VARCHAR, town_cadre VARCHAR,
	years_over_age INTEGER, left_behind_code INTEGER, disability VARCHAR, previous_school_code VARCHAR,
	days_required INTEGER, days_unexcused INTEGER, latest_month INTEGER, latest_days_required INTEGER,
	latest_days_unexcused INTEGER);
CREATE TABLE mart.early_warning_backtest(school_year INTEGER, dropouts BIGINT, dropouts_flagged BIGINT, recall DOUBLE,
	flagged BIGINT, flagged_dropped_out BIGINT, precision DOUBLE, rules VARCHAR);
CREATE TABLE mart.care_register(school_year INTEGER, term INTEGER, school_code VARCHAR, id_number VARCHAR, name VARCHAR,
	grade VARCHAR, class_no VARCHAR, left_behind_code INTEGER, orphan BOOLEAN, disability VARCHAR, migrant_child BOOLEAN,
	poor_household BOOLEAN, head_teacher VARCHAR, guardian VARCHAR, guardian_phone VARCHAR, tier VARCHAR, flagged BOOLEAN);
INSERT INTO config.early_warning VALUES (5, 3, 0.10, 0.20, 2);
INSERT INTO mart.early_warning VALUES
	(2025, 1, '440101201603030011', '刘小雨', true, false, false, false, false, true, false, false, false, 4, '中', true,
	 '2144000001', 4, '1', '郭红梅', '刘大山', '13800005555', '441302101201', '东山村', '刘建国', 0, 2, NULL, '2144000001', 50, 6, 11, 18, 1),
	(2025, 1, '440101201604040022', '林小花', false, false, false, false, false, false, false, false, false, 0, '低', true,
	 '2144000001', 4, '1', '郭红梅', '林父', '13800006666', '441302101201', '东山村', '刘建国', 0, 0, NULL, '2144000001', 50, 0, 11, 18, 0),
	(2025, 1, '440101201301010033', '何小军', NULL, NULL, true, true, true, false, false, false, false, 7, '高', false,
	 '2144000001', 5, '2', '钟建华', '何伟', '13900007777', '441302101202', '西岭村', '马永', 2, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(2025, 1, '440101201105050044', '马小龙', false, true, false, false, false, false, true, false, true, 4, '中', true,
	 '2144000003', 8, '1', '韩主任', '马成', '13700008888', NULL, NULL, NULL, 0, 0, NULL, '2144000002', 60, 5, 11, 20, 5),
	(2024, 2, '440101201105050044', '马小龙', NULL, NULL, false, false, false, false, true, false, false, 1, '低', false,
	 '2144000002', 7, '1', '韩主任', '马成', '13700008888', NULL, NULL, NULL, 0, 0, NULL, '2144000002', NULL, NULL, NULL, NULL, NULL);
INSERT INTO mart.early_warning_backtest VALUES
	(2024, 6, 2, 2.0 / 6, 10, 2, 0.2, 'chronic_absence=3, absence_rising=2; 高≥5, 中≥3');
INSERT INTO mart.care_register VALUES
	(2025, 1, '2144000001', '440101201603030011', '刘小雨', '4', '1', 2, false, NULL, false, false, '郭红梅', '刘大山', '13800005555', '中', true),
	(2025, 1, '2144000001', '440101201901010055', '陈小兰', 'K3', '1', 0, true, '听力残疾', false, false, '郑园长', '陈奶奶', '13800009999', NULL, NULL),
	(2025, 1, '2144000003', '440101201105050044', '马小龙', '8', '1', 0, false, NULL, true, true, '韩主任', '马成', '13700008888', '中', true);
`
