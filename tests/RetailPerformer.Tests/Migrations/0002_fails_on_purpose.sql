INSERT INTO pretend.things (id) VALUES (1);
SELECT * FROM pretend.table_that_does_not_exist;
