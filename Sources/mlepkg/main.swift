import MLECommands
MLEPkg.main()
