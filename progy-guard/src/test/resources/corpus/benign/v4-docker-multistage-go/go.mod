module example.com/gocontainers

go 1.22
