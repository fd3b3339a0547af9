-- A store as factcheck built it before entity codes, entities, provenance and the term index
-- (the schema sqlmodel wrote for the old models), with a few rows. The saved-check tables are
-- left out too: init_db must create what is missing and add the columns, keeping every row.
CREATE TABLE source (
	id VARCHAR(80) NOT NULL,
	title VARCHAR NOT NULL,
	publisher VARCHAR NOT NULL,
	url VARCHAR NOT NULL,
	published VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE metric (
	"key" VARCHAR(80) NOT NULL,
	label VARCHAR NOT NULL,
	unit VARCHAR NOT NULL,
	keywords VARCHAR NOT NULL,
	entity VARCHAR NOT NULL,
	description VARCHAR NOT NULL,
	PRIMARY KEY ("key")
);
CREATE TABLE observation (
	id INTEGER NOT NULL,
	metric VARCHAR NOT NULL,
	entity VARCHAR NOT NULL,
	year INTEGER,
	date VARCHAR NOT NULL,
	value FLOAT NOT NULL,
	low FLOAT,
	high FLOAT,
	unit VARCHAR NOT NULL,
	qualifier VARCHAR NOT NULL,
	status VARCHAR NOT NULL,
	claimant VARCHAR NOT NULL,
	source_id VARCHAR NOT NULL,
	snippet VARCHAR NOT NULL,
	note VARCHAR NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (metric, entity, year, date, value, qualifier, source_id, status),
	FOREIGN KEY(metric) REFERENCES metric ("key"),
	FOREIGN KEY(source_id) REFERENCES source (id)
);
CREATE INDEX ix_observation_metric ON observation (metric);
CREATE INDEX ix_observation_year ON observation (year);
INSERT INTO source VALUES ('newsweek-2023', 'How Putin''s Victory Parade Compared', 'Newsweek', 'https://www.newsweek.com/x', '2023-05');
INSERT INTO metric VALUES ('parade_troops', 'troops in the Moscow Victory Day parade', '', 'troops;soldiers;marched', 'Moscow Victory Day Parade', 'People who marched on Red Square.');
INSERT INTO observation VALUES (1, 'parade_troops', 'Moscow Victory Day Parade', 2023, '2023-05-09', 8000.0, NULL, NULL, '', 'approx', 'actual', '', 'newsweek-2023', 'only 8,000', 'the toned-down parade');
INSERT INTO observation VALUES (2, 'parade_troops', 'Moscow Victory Day Parade', 2020, '', 14000.0, NULL, NULL, '', 'exact', 'actual', '', 'newsweek-2023', '', '');
