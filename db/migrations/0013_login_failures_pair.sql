-- Failed log-ins are now counted per username and address together (one
-- address's typos no longer lock out an account for everyone, nor one
-- school's address for every pupil behind it): one index serves the count
-- of a pair and the latest failure; another the daily forgetting by age.
DROP INDEX login_failures_username;
DROP INDEX login_failures_address;
CREATE INDEX login_failures_pair ON login_failures(username, address, at);
CREATE INDEX login_failures_at ON login_failures(at);
