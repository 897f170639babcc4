-- Trigram matching backs the territory search (and later the project search).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
