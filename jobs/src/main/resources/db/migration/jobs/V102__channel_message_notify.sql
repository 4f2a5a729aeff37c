-- Push delivery for the PostgreSQL channels: every message inserted into the channel table
-- notifies listeners with '<region> <group key>', the payload PostgresChannelMessageTableSubscriber expects.
CREATE FUNCTION proofline_channel_message_notify() RETURNS TRIGGER AS $$
BEGIN
    PERFORM pg_notify('int_channel_message_notify', NEW.region || ' ' || NEW.group_key);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER proofline_channel_message_notify
    AFTER INSERT ON int_channel_message
    FOR EACH ROW EXECUTE FUNCTION proofline_channel_message_notify();
