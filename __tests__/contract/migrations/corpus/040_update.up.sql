UPDATE users SET nick = name WHERE nick IS NULL;
