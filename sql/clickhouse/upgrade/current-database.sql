SELECT currentDatabase() AS name
