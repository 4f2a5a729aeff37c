-- The PostgreSQL channels poll by priority (PartitionRequestPriority): this index serves the
-- message store's priority poll, ORDER BY message_priority DESC NULLS LAST, created_date,
-- message_sequence, as Spring Integration's schema suggests for priorityEnabled stores.
-- Requests queued before this version have no priority and are taken after ranked ones.
CREATE INDEX int_channel_msg_priority_idx
    ON int_channel_message (region, group_key, message_priority DESC NULLS LAST, created_date, message_sequence);
