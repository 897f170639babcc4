-- One tense for the audit log's actions (server/domain/change-log.ts): the past-tense verbs of older
-- rows take their base form. The append-only trigger is set aside for this one statement only: who
-- acted, on what and when stay as they were.
ALTER TABLE "change_log" DISABLE TRIGGER "change_log_append_only";--> statement-breakpoint
UPDATE "change_log" SET "action" = CASE "action"
  WHEN 'created' THEN 'create'
  WHEN 'added' THEN 'add'
  WHEN 'joined' THEN 'join'
  WHEN 'verified' THEN 'verify'
  WHEN 'verification_repeated' THEN 'verify_again'
  WHEN 'office_changed' THEN 'change_office'
  WHEN 'removed' THEN 'remove'
  WHEN 'profile_updated' THEN 'update_profile'
  WHEN 'renewed' THEN 'renew'
  WHEN 'revoked' THEN 'revoke'
  WHEN 'followed' THEN 'follow'
  WHEN 'unfollowed' THEN 'unfollow'
  WHEN 'visited' THEN 'visit'
  WHEN 'marked_read' THEN 'mark_read'
  WHEN 'deleted' THEN 'delete'
END
WHERE "action" IN ('created', 'added', 'joined', 'verified', 'verification_repeated', 'office_changed', 'removed', 'profile_updated', 'renewed', 'revoked', 'followed', 'unfollowed', 'visited', 'marked_read', 'deleted');--> statement-breakpoint
ALTER TABLE "change_log" ENABLE TRIGGER "change_log_append_only";
