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

func addSettings(fs *flag.FlagSet) *settings {
	s := &settings{fs: fs}
	fs.StringVar(&s.configPath, "config", "", "配置文件 / config file (default ./"+defaultConfigFile+" when present)")
	fs.StringVar(&s.inbox, "inbox", "", "收件箱目录 / inbox folder")
	fs.StringVar(&s.warehouse, "warehouse", "", "发布的数据仓库文件 / published warehouse file")
	fs.StringVar(&s.out, "out", "", "报表输出目录 / report folder")
	fs.StringVar(&s.townName, "town-name", "", "镇名 / town name")
	fs.StringVar(&s.townCode, "town-code", "", "9 位乡镇代码 / 9-digit town code")
	fs.StringVar(&s.memory, "memory-limit", "", "DuckDB 内存上限，如 4GB / DuckDB memory limit")
	fs.IntVar(&s.threads, "threads", 0, "DuckDB 线程数 / DuckDB threads")
	fs.BoolVar(&s.verbose, "v", false, "详细日志 / verbose log")
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
func parseSettings(fs *flag.FlagSet, args []string) (*settings, pipeline.Config, error) {
	s := addSettings(fs)
	if err := fs.Parse(args); err != nil {
		return s, pipeline.Config{}, err
	}
	if err := noArgs(fs); err != nil {
		return s, pipeline.Config{}, err
	}
	cfg, err := s.config()
	return s, cfg, err
}
