package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/BurntSushi/toml"

	"dropwatch/pipeline/engine"
)

// Config is every setting of dropwatch. Values come from flags, then the
// config file, then Defaults; `dropwatch config` prints what is in force.
type Config struct {
	Town     Town            `toml:"town"`
	Paths    Paths           `toml:"paths"`
	DuckDB   DuckDB          `toml:"duckdb"`
	Timezone string          `toml:"timezone" comment:"报表与计划任务所用时区"`
	Lines    map[string]Line `toml:"lines" comment:"各指标的达标线与一票否决线（百分比）"`
	// EarlyWarning holds the weights and cut-offs of the early-warning
	// score (辍学苗头); see config_warning.go.
	EarlyWarning EarlyWarning `toml:"early_warning" comment:"辍学苗头预警的权重与分级线"`
	// Jobs change the job calendar built into dropwatch (schedules/jobs.toml):
	// an entry named like a built-in job overrides the fields it sets, a new
	// name adds a job. See docs/operations.md.
	Jobs []JobConfig `toml:"jobs,omitempty" comment:"计划任务：同名覆盖内置任务的所给字段，新名称新增任务"`
}

// JobConfig is one job of the calendar, as the built-in job file and the
// config file's [[jobs]] tables write it. Zero fields of an override keep
// the built-in value.
type JobConfig struct {
	// Name identifies the job (jobs run NAME, the history).
	Name string `toml:"name"`
	// Cron lists five-field cron expressions (minute hour day month weekday)
	// read in the configured time zone; the job runs at each.
	Cron []string `toml:"cron,omitempty"`
	// Action is what the job does: run, handoff or backup.
	Action string `toml:"action,omitempty"`
	// Description says in plain words what the job is for.
	Description string `toml:"description,omitempty"`
	// CatchUp is once (run once at start when a scheduled time passed while
	// the server was off) or skip (wait for the next time).
	CatchUp string `toml:"catch_up,omitempty"`
	// Retries is how many times a failed run is tried again, with back-off.
	Retries *int `toml:"retries,omitempty"`
	// Keep is how many dated backups the backup action keeps.
	Keep int `toml:"keep,omitempty"`
	// Disabled removes the job from the calendar.
	Disabled bool `toml:"disabled,omitempty"`
}

// Town names the town the warehouse serves.
type Town struct {
	Name string `toml:"name" comment:"镇名"`
	Code string `toml:"code" comment:"9 位乡镇统计用区划代码"`
	// Office is the issuing unit printed on the bulletin and its workbook;
	// empty means the town's name followed by 教育办.
	Office string `toml:"office,omitempty" comment:"发文单位（通报落款），默认为「镇名+教育办」"`
}

// Issuer is the unit that issues the town's bulletins: Office, or
// <镇名>教育办 when it is not set.
func (t Town) Issuer() string {
	if t.Office != "" {
		return t.Office
	}
	return t.Name + "教育办"
}

// Paths are where files come from and go to.
type Paths struct {
	Inbox     string `toml:"inbox" comment:"收件箱：学校和部门送来的文件"`
	Warehouse string `toml:"warehouse" comment:"发布的 DuckDB 数据仓库文件"`
	Out       string `toml:"out" comment:"报表输出目录（public 与 restricted）"`
}

// DuckDB tunes the database engine for the machine; every opener of a
// DuckDB file takes it (package engine).
type DuckDB = engine.Settings

// Line is the line of one indicator: the target, and for dropout rates the
// veto (一票否决) line.
type Line struct {
	Target float64  `toml:"target"`
	Veto   *float64 `toml:"veto,omitempty"`
}

func veto(v float64) *float64 { return &v }

// Defaults returns the settings used where neither a flag nor the config
// file says otherwise. The lines are those of the town's mechanism.
func Defaults() Config {
	return Config{
		Town:     Town{Name: "示范镇", Code: "430521101"},
		Paths:    Paths{Inbox: "inbox", Warehouse: "warehouse/dropwatch.duckdb", Out: "out"},
		DuckDB:   DuckDB{MemoryLimit: "4GB"},
		Timezone: "Asia/Shanghai",
		Lines: map[string]Line{
			"preschool_gross_enrollment":       {Target: 85},
			"primary_net_enrollment":           {Target: 99.5},
			"junior_net_enrollment":            {Target: 95},
			"junior_gross_enrollment":          {Target: 98},
			"disabled_enrollment":              {Target: 95},
			"disabled_enrollment_visual":       {Target: 95},
			"disabled_enrollment_hearing":      {Target: 95},
			"disabled_enrollment_intellectual": {Target: 95},
			"primary_dropout":                  {Target: 0.5, Veto: veto(0.5)},
			"junior_dropout":                   {Target: 2.5, Veto: veto(3.0)},
			"junior_progression":               {Target: 85},
			"primary_to_junior":                {Target: 100},
			"village_kindergarten":             {Target: 1},
		},
		EarlyWarning: DefaultEarlyWarning(),
	}
}

// LoadConfig reads a config file over the defaults. A missing file is an
// error only when required is set (the user named it).
func LoadConfig(path string, required bool) (Config, error) {
	cfg := Defaults()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !required {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("read config: %w", err)
	}
	md, err := toml.Decode(string(b), &cfg)
	if err != nil {
		return cfg, fmt.Errorf("配置文件 %s 有误 / bad config file: %w", path, err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return cfg, fmt.Errorf("配置文件 %s 中有不认识的设置「%s」：请检查拼写 / unknown setting %s", path, un[0], un[0])
	}
	cfg.relativeTo(filepath.Dir(path), md)
	return cfg, cfg.Validate()
}

// relativeTo makes the relative paths a config file sets relative to the
// file's folder, so `--config demo/dropwatch.toml` works from anywhere.
// Paths the file does not set keep their defaults (relative to the
// working directory).
func (c *Config) relativeTo(dir string, md toml.MetaData) {
	for _, p := range []struct {
		key []string
		val *string
	}{
		{[]string{"paths", "inbox"}, &c.Paths.Inbox},
		{[]string{"paths", "warehouse"}, &c.Paths.Warehouse},
		{[]string{"paths", "out"}, &c.Paths.Out},
		{[]string{"duckdb", "temp_dir"}, &c.DuckDB.TempDir},
	} {
		if md.IsDefined(p.key...) && *p.val != "" && !filepath.IsAbs(*p.val) {
			*p.val = filepath.Join(dir, *p.val)
		}
	}
}

// Validate checks settings that would otherwise fail late.
func (c Config) Validate() error {
	if _, err := c.Location(); err != nil {
		return err
	}
	if len(c.Town.Code) != 9 {
		return fmt.Errorf("乡镇代码应为 9 位数字，现为「%s」/ town code must have 9 digits", c.Town.Code)
	}
	return c.EarlyWarning.Validate()
}

// Location is the configured time zone.
func (c Config) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return nil, fmt.Errorf("时区「%s」无效 / unknown time zone: %w", c.Timezone, err)
	}
	return loc, nil
}

// TOML renders the settings as a config file.
func (c Config) TOML() string {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(c); err != nil {
		return fmt.Sprintf("# cannot render settings: %v\n", err)
	}
	return buf.String()
}
