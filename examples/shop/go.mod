module example.com/shop

go 1.22

require (
	go.etcd.io/etcd/client/v3 v3.5.9
	golang.org/x/sync v0.7.0
)

require golang.org/x/net v0.25.0 // indirect
