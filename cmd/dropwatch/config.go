package main

import (
	"context"
	"fmt"
)

func configCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "config", summaryOf("config"))
	s := addSettings(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	cfg, err := s.config()
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, "# dropwatch 当前生效的设置 / settings in force (flags > config file > defaults)\n")
	fmt.Fprint(e.stdout, cfg.TOML())
	return nil
}
