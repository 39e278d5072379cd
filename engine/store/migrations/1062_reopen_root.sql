-- A ticket's 重办 chain by its root: the dashboards take a ticket's final evaluation from it.
CREATE INDEX case_reopens_root ON case_reopens (root_instance_id);
