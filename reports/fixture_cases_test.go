package reports

// fixtureCases: mart.cases of the fixture town on 2025-10-10 (latest term
// 2025-1), one open case for each child on the (2025,1) list, and three
// closed ones, with the directories the work lists read, and three
// follow-up findings (查无此人 and 核查对象不在名单 in 2025, 户籍待更新 in 2024).
//
//	陈小红 东山村 2024-1 从未入学, 3 terms, 限期改正 to 2025-09-30: overdue, 404 days
//	张小明 东山村 2024-2 已登记辍学, 2 terms, 核查中 (劝返中), school 2144000001, 251 days
//	吴一   东山村 2025-1 学籍消失, 1 term, 待核查, school 2144000002, 39 days
//	孙丽   西岭村 2025-1 外出未取得就读证明, 限期改正 to 2025-10-31: not yet due, school 2144000003, 39 days
//	李四   西岭村 closed (2025,1) 已入学, school 2144000001, 365 days
//	欧阳小芳 东山村 closed 2025-09-25 (2025,1) 在外地就读, school 2144000001, 236 days
//	王芳   西岭村 closed 2025-03-01 (2024,2) 已死亡, school 2144000002, 181 days
const fixtureCases = `
CREATE TABLE mart.cases(case_id VARCHAR, id_number VARCHAR, name VARCHAR, village_code VARCHAR, group_no VARCHAR,
	school_code VARCHAR, opened_year INTEGER, opened_term INTEGER, opened_reason VARCHAR, latest_reason VARCHAR,
	terms_open INTEGER, status VARCHAR, closed_on DATE, closed_year INTEGER, closed_term INTEGER, close_basis VARCHAR,
	days_open INTEGER, last_check_date DATE, last_outcome VARCHAR, last_checker VARCHAR, last_measures VARCHAR,
	deadline DATE, overdue BOOLEAN, town_cadre VARCHAR, village_cadre VARCHAR, head_teacher VARCHAR,
	guardian VARCHAR, guardian_phone VARCHAR);
CREATE TABLE mart.followup_findings(finding VARCHAR, school_year INTEGER, check_date DATE, id_number VARCHAR,
	name VARCHAR, outcome VARCHAR, checker VARCHAR, file_name VARCHAR, row_number BIGINT, detail VARCHAR);
INSERT INTO mart.followup_findings VALUES
	('查无此人', 2025, DATE '2025-09-18', '440101201702030089', '郑二', '查无此人', '何美', '东山村核查表.xlsx', 4, '村、学校查无此人：请户籍部门核实户籍人口数据'),
	('户籍待更新', 2024, DATE '2025-03-01', '440101201601010044', '王芳', '已死亡', '林海', '西岭村核查表.xlsx', 3, '已取得已死亡证明，但2025-2026学年户籍人口中仍为正常：请户籍部门更新'),
	('核查对象不在名单', 2025, DATE '2025-09-22', '440101201701010099', '周小燕', '在本镇就读', '林海', '西岭村核查表.xlsx', 5, '该儿童从未列入应入学未入学名单或辍学名单：请核对身份证件号');
CREATE TABLE staging.village(village_code VARCHAR, village_name VARCHAR, town_cadre VARCHAR);
CREATE TABLE staging.school(school_code VARCHAR, school_name VARCHAR, principal VARCHAR);
INSERT INTO staging.village VALUES ('441302101201', '东山村', '刘建国'), ('441302101202', '西岭村', '马永');
INSERT INTO staging.school VALUES ('2144000001', '示范镇中心小学', '郭校长'), ('2144000002', '示范镇东山小学', '邓校长'),
	('2144000003', '示范镇初级中学', '韩主任');
INSERT INTO mart.cases VALUES
	('2024-1-440101201801010077', '440101201801010077', '陈小红', '441302101201', '1', NULL, 2024, 1, '从未入学', '从未入学',
	 3, '限期改正', NULL, NULL, NULL, NULL, 404, DATE '2025-09-15', '拒不入学', '黄志强', '送达责令限期改正通知书',
	 DATE '2025-09-30', true, '刘建国', '黄志强', NULL, '陈大山', '13800001111'),
	('2024-2-440101201503150011', '440101201503150011', '张小明', '441302101201', '2', '2144000001', 2024, 2, '已登记辍学', '已登记辍学',
	 2, '核查中', NULL, NULL, NULL, NULL, 251, DATE '2025-09-20', '劝返中', '何美', '班主任家访',
	 NULL, false, '刘建国', '何美', '郑老师', '张强', '13900002222'),
	('2025-1-440101201702020088', '440101201702020088', '吴一', '441302101201', '2', '2144000002', 2025, 1, '学籍消失', '学籍消失',
	 1, '待核查', NULL, NULL, NULL, NULL, 39, NULL, NULL, NULL, NULL, NULL, false, '刘建国', '何美', '王老师', '吴国', '13700003333'),
	('2025-1-440101201102020066', '440101201102020066', '孙丽', '441302101202', '3', '2144000003', 2025, 1, '外出未取得就读证明', '外出未取得就读证明',
	 1, '限期改正', NULL, NULL, NULL, NULL, 39, DATE '2025-10-05', '拒不入学', '林海', '送达通知书',
	 DATE '2025-10-31', false, '马永', '林海', '韩主任', '孙父', '13600004444'),
	('2024-1-440101201406060022', '440101201406060022', '李四', '441302101202', '1', '2144000001', 2024, 1, '学籍消失', '学籍消失',
	 2, '已销号', NULL, 2025, 1, '已入学', 365, NULL, NULL, NULL, NULL, NULL, false, '马永', '林海', '郑老师', '李父', '13611112222'),
	('2024-2-440101201409090033', '440101201409090033', '欧阳小芳', '441302101201', '3', '2144000001', 2024, 2, '已登记辍学', '已登记辍学',
	 2, '已销号', DATE '2025-09-25', 2025, 1, '在外地就读', 236, DATE '2025-09-25', '在外地就读', '黄志强', '取得就读证明',
	 NULL, false, '刘建国', '黄志强', '冯老师', '欧阳父', '13622223333'),
	('2024-1-440101201601010044', '440101201601010044', '王芳', '441302101202', '2', '2144000002', 2024, 1, '学籍消失', '学籍消失',
	 1, '已销号', DATE '2025-03-01', 2024, 2, '已死亡', 181, DATE '2025-03-01', '已死亡', '林海', '取得死亡证明',
	 NULL, false, '马永', '林海', '王老师', '王父', '13633334444');
ALTER TABLE mart.cases ADD COLUMN village_name VARCHAR;
ALTER TABLE mart.cases ADD COLUMN school_name VARCHAR;
UPDATE mart.cases c SET village_name = v.village_name FROM staging.village v WHERE v.village_code = c.village_code;
UPDATE mart.cases c SET school_name = s.school_name FROM staging.school s WHERE s.school_code = c.school_code;
`
