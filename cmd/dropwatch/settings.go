package main

import (
	"flag"
	"os"

	"dropwatch/pipeline"
)

// settings are the flags every command that needs the configuration takes.
// Precedence: a flag that was given, then the config file, then defaults.
type settings struct {
	fs         *flag.FlagSet
	configPath string
	inbox      string
	warehouse  string
	out        string
	townName   string
	townCode   string
	memory     string
	threads    int
	verbose    bool
}

const defaultConfigFile = "dropwatch.toml"

// Groups of settings flags: a command's --help lists only the flags it
// uses. Commands that run the pipeline take them all; the analysts'
// commands and restore only name the warehouse and tune DuckDB.
var (
	allSettings    = []string{"config", "inbox", "warehouse", "out", "town-name", "town-code", "memory-limit", "threads", "v"}
	readerSettings = []string{"config", "warehouse", "memory-limit", "threads"}
	engineSettings = []string{"config", "memory-limit", "threads"}
)

// addSettings registers the settings flags named (all of them when none
// are) on fs.
func addSettings(fs *flag.FlagSet, names ...string) *settings {
	s := &settings{fs: fs}
	if len(names) == 0 {
		names = allSettings
	}
	for _, n := range names {
		switch n {
		case "config":
			fs.StringVar(&s.configPath, "config", "", "配置文件 / config file (default ./"+defaultConfigFile+" when present)")
		case "inbox":
			fs.StringVar(&s.inbox, "inbox", "", "收件箱目录 / inbox folder")
		case "warehouse":
			fs.StringVar(&s.warehouse, "warehouse", "", "发布的数据仓库文件 / published warehouse file")
		case "out":
			fs.StringVar(&s.out, "out", "", "报表输出目录 / report folder")
		case "town-name":
			fs.StringVar(&s.townName, "town-name", "", "镇名 / town name")
		case "town-code":
			fs.StringVar(&s.townCode, "town-code", "", "9 位乡镇代码 / 9-digit town code")
		case "memory-limit":
			fs.StringVar(&s.memory, "memory-limit", "", "DuckDB 内存上限，如 4GB / DuckDB memory limit")
		case "threads":
			fs.IntVar(&s.threads, "threads", 0, "DuckDB 线程数 / DuckDB threads")
		case "v":
			fs.BoolVar(&s.verbose, "v", false, "详细日志 / verbose log")
		}
	}
	return s
}

// config resolves the settings in force.
func (s *settings) config() (pipeline.Config, error) {
	path, required := s.configPath, true
	if path == "" {
		path, required = defaultConfigFile, false
		if env := os.Getenv("DROPWATCH_CONFIG"); env != "" {
			path, required = env, true
		}
	}
	cfg, err := pipeline.LoadConfig(path, required)
	if err != nil {
		return cfg, err
	}
	s.fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "inbox":
			cfg.Paths.Inbox = s.inbox
		case "warehouse":
			cfg.Paths.Warehouse = s.warehouse
		case "out":
			cfg.Paths.Out = s.out
		case "town-name":
			cfg.Town.Name = s.townName
		case "town-code":
			cfg.Town.Code = s.townCode
		case "memory-limit":
			cfg.DuckDB.MemoryLimit = s.memory
		case "threads":
			cfg.DuckDB.Threads = s.threads
		}
	})
	return cfg, cfg.Validate()
}

// parseSettings parses a command's flags (settings plus any the caller
// added to fs) and resolves the configuration in force.
func parseSettings(fs *flag.FlagSet, args []string, names ...string) (*settings, pipeline.Config, error) {
	s := addSettings(fs, names...)
	if err := fs.Parse(args); err != nil {
		return s, pipeline.Config{}, err
	}
	if err := noArgs(fs); err != nil {
		return s, pipeline.Config{}, err
	}
	cfg, err := s.config()
	return s, cfg, err
}
