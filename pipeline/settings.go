package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"dropwatch/pipeline/models"
	"dropwatch/privacy"
)

// settingsDDL holds the settings the models read. The run rewrites them
// before every build, so a county that changes a line in its config sees
// every figure re-judged at the next run without touching SQL.
const settingsDDL = `
CREATE SCHEMA IF NOT EXISTS config;
CREATE OR REPLACE TABLE config.town (code VARCHAR, name VARCHAR);
CREATE OR REPLACE TABLE config.lines (indicator VARCHAR PRIMARY KEY, target DECIMAL(9,4), veto DECIMAL(9,4));
COMMENT ON TABLE config.town IS '本库所属乡镇（来自配置）';
COMMENT ON TABLE config.lines IS '各指标达标线与一票否决线（百分比，来自配置）';
COMMENT ON COLUMN config.town.code IS '9 位乡镇统计用区划代码';
COMMENT ON COLUMN config.town.name IS '镇名';
COMMENT ON COLUMN config.lines.indicator IS '指标代码';
COMMENT ON COLUMN config.lines.target IS '达标线（百分比）';
COMMENT ON COLUMN config.lines.veto IS '一票否决线（百分比），无则为空';`

// declareSettings records the settings tables' privacy tier: the town's
// own code and name, the lines and the early-warning rules in force
// identify no one.
func declareSettings(p *models.Project) {
	p.Declare("config.town", privacy.Public)
	p.Declare("config.lines", privacy.Public)
	p.Declare("config.early_warning_weights", privacy.Public)
	p.Declare("config.early_warning", privacy.Public)
}

// writeSettings stores the town and the lines in force in the working copy.
func writeSettings(ctx context.Context, conn *sql.Conn, c Config) error {
	if _, err := conn.ExecContext(ctx, settingsDDL); err != nil {
		return fmt.Errorf("create settings: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO config.town VALUES (?, ?)`, c.Town.Code, c.Town.Name); err != nil {
		return fmt.Errorf("store town: %w", err)
	}
	names := make([]string, 0, len(c.Lines))
	for name := range c.Lines {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		l := c.Lines[name]
		var veto any
		if l.Veto != nil {
			veto = *l.Veto
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO config.lines VALUES (?, ?, ?)`, name, l.Target, veto); err != nil {
			return fmt.Errorf("store line %s: %w", name, err)
		}
	}
	return writeWarningSettings(ctx, conn, c.EarlyWarning)
}
