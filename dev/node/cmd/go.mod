module local/kratix-node-tools

go 1.26.0
