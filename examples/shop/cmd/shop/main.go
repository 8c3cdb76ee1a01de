// Command shop serves the example shop API used by `rollback-guard demo`.
package main

import (
	"fmt"
	"net/http"
)

func main() {
	http.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, `[]`)
	})
	_ = http.ListenAndServe(":8080", nil)
}
