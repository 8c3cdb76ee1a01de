DROP INDEX users_age_idx;
