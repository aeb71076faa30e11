package main

import (
	"context"
	"fmt"
)

func configCmd(ctx context.Context, e *env, args []string) error {
	_, cfg, err := parseSettings(newFlags(e, "config", summaryOf("config")), args)
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, "# dropwatch 当前生效的设置 / settings in force (flags > config file > defaults)\n")
	fmt.Fprint(e.stdout, cfg.TOML())
	return nil
}
