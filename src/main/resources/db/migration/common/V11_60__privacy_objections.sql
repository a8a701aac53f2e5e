-- Objections made on the data page (Art. 21 GDPR) are data-subject requests of type OBJECTION that name the purpose
-- objected to. open_objection repeats the purpose while the request is open and is emptied when it closes: the
-- unique pair (account_id, open_objection) lets a person hold one open objection per purpose, even when forty
-- submissions arrive at once (NULLs never collide, so closed and anonymised requests do not count).
ALTER TABLE privacy_requests ADD COLUMN purpose VARCHAR(40);
ALTER TABLE privacy_requests ADD COLUMN open_objection VARCHAR(40);
ALTER TABLE privacy_requests ADD CONSTRAINT privacy_requests_one_open_objection UNIQUE (account_id, open_objection);
