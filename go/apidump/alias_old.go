//go:build !go1.22

package main

import "go/types"

// unalias is the identity before Go 1.22: aliases are never materialized as types.
func unalias(t types.Type) types.Type { return t }
