module example.com/goenums

go 1.22
