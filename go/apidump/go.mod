module rollbackguard.invalid/apidump

go 1.19
