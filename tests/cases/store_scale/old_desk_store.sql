-- A store as factcheck built it before sources had a kind and reviews a public explanation
-- (the schema sqlmodel wrote for the models of that version), with a saved check whose review
-- holds a private note. init_db must add source.kind and review.explanation, keeping every row.
CREATE TABLE check_session (
	id INTEGER NOT NULL,
	title VARCHAR NOT NULL,
	url VARCHAR NOT NULL,
	article_date VARCHAR NOT NULL,
	text VARCHAR NOT NULL,
	result_json VARCHAR NOT NULL,
	created_by VARCHAR NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL,
	version INTEGER NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE entity (
	name VARCHAR(200) NOT NULL,
	code VARCHAR NOT NULL,
	aliases VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	PRIMARY KEY (name)
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
CREATE TABLE metric_term (
	term VARCHAR(200) NOT NULL,
	metric VARCHAR NOT NULL,
	PRIMARY KEY (term, metric),
	FOREIGN KEY(metric) REFERENCES metric ("key")
);
CREATE TABLE observation (
	id INTEGER NOT NULL,
	metric VARCHAR NOT NULL,
	entity VARCHAR NOT NULL,
	entity_code VARCHAR NOT NULL,
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
CREATE TABLE review (
	id INTEGER NOT NULL,
	check_id INTEGER NOT NULL,
	figure_key VARCHAR NOT NULL,
	verdict_override VARCHAR NOT NULL,
	note VARCHAR NOT NULL,
	done BOOLEAN NOT NULL,
	source_url VARCHAR NOT NULL,
	updated_by VARCHAR NOT NULL,
	updated_at DATETIME NOT NULL,
	claim_json VARCHAR NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (check_id, figure_key),
	FOREIGN KEY(check_id) REFERENCES check_session (id)
);
CREATE TABLE source (
	id VARCHAR(80) NOT NULL,
	title VARCHAR NOT NULL,
	publisher VARCHAR NOT NULL,
	url VARCHAR NOT NULL,
	published VARCHAR NOT NULL,
	indicator VARCHAR NOT NULL,
	retrieved DATE,
	PRIMARY KEY (id)
);
CREATE INDEX ix_entity_code ON entity (code);
CREATE INDEX ix_metric_term_metric ON metric_term (metric);
CREATE INDEX ix_observation_metric_code_year ON observation (metric, entity_code, year);
CREATE INDEX ix_observation_metric_entity_year ON observation (metric, entity, year);
CREATE INDEX ix_review_check_id ON review (check_id);
INSERT INTO source VALUES ('newsweek-2023', 'How Putin''s Victory Parade Compared', 'Newsweek', 'https://www.newsweek.com/x', '2023-05', '', NULL);
INSERT INTO metric VALUES ('parade_troops', 'troops in the Moscow Victory Day parade', '', 'troops;soldiers;marched', 'Moscow Victory Day Parade', 'People who marched on Red Square.');
INSERT INTO observation VALUES (1, 'parade_troops', 'Moscow Victory Day Parade', '', 2023, '2023-05-09', 9000.0, NULL, NULL, '', 'exact', 'actual', '', 'newsweek-2023', '', '');
INSERT INTO check_session VALUES (1, 'Parade', '', '2023-05-09', 'Some 8,000 troops marched.', '{"article": {"title": "Parade", "date": "2023-05-09", "chars": 26, "url": null}, "figures": [{"surface": "Some 8,000", "start": 0, "end": 10, "value": 8000, "low": 7500, "high": 8500, "unit": null, "qualifier": "approx", "trend": null, "concept": "troops", "counted": "troops", "year": 2023, "year_source": "article", "kind": "count", "checkable": true, "sentence_start": 0, "sentence_end": 26, "caption": false, "claim": null, "verdict": "conflict", "basis": "reference", "reason": "Conflicts with the source: 9,000.", "disputed": false, "references": [{"id": 1, "metric": "parade_troops", "metric_label": "troops in the Moscow Victory Day parade", "entity": "Moscow Victory Day Parade", "year": 2023, "date": "2023-05-09", "value": 9000, "low": 9000, "high": 9000, "unit": null, "qualifier": "exact", "status": "actual", "claimant": "", "snippet": "", "entity_code": "", "source": {"title": "How Putin''s Victory Parade Compared", "publisher": "Newsweek", "url": "https://www.newsweek.com/x", "published": "2023-05"}}]}]}', 'ana', '2024-01-02 10:00:00.000000', '2024-01-02 10:05:00.000000', 2);
INSERT INTO review VALUES (1, 1, '0:10:Some 8,000', 'agree', 'PRIVATE: ministry source, do not quote', 1, '', 'ana', '2024-01-02 10:05:00.000000', '');
