CREATE VIEW adults AS SELECT * FROM users WHERE age >= 18;
