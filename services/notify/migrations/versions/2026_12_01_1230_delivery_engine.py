"""delivery engine: every channel, reminder rules, opt-outs, letters

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 12:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("principal", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response_body", sa.JSON(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_keys")),
        sa.UniqueConstraint("principal", "key", name=op.f("uq_idempotency_keys_principal")),
    )
    op.create_table(
        "intake_reminders",
        sa.Column("claimant_id", sa.Integer(), nullable=False),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_count", sa.Integer(), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stopped_by", sa.String(length=200), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("claimant_id", name=op.f("pk_intake_reminders")),
    )
    op.create_table(
        "letter_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("render_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("letters", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("error", sa.String(length=1000), nullable=True),
        sa.Column("posted_on", sa.Date(), nullable=True),
        sa.Column("posted_by", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_batches")),
    )
    with op.batch_alter_table("letter_batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_batches_campaign_id"), ["campaign_id"], unique=False)

    op.create_table(
        "reminder_opt_outs",
        sa.Column("claimant_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("claimant_id", name=op.f("pk_reminder_opt_outs")),
    )
    op.create_table(
        "reminder_rules",
        sa.Column("hearing_kind", sa.String(length=30), nullable=False),
        sa.Column("days_before", sa.JSON(), nullable=False),
        sa.Column("hour_jst", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("hearing_kind", name=op.f("pk_reminder_rules")),
    )
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("message_token", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("launched_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("launched_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("public_notice_published_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("public_notice_where", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("public_notice_recorded_by", sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f("ix_campaigns_case_id"), ["case_id"], unique=False)

    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sa.String(length=20), nullable=False, server_default="email"))
        batch_op.add_column(sa.Column("campaign_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recipient_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("letter_batch_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("sender", sa.String(length=254), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("provider_message_id", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("bounced_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column("event_id", existing_type=sa.VARCHAR(length=36), nullable=True)
        batch_op.alter_column("hearing_id", existing_type=sa.INTEGER(), nullable=True)
        batch_op.alter_column("claimant_id", existing_type=sa.INTEGER(), nullable=True)
        batch_op.alter_column("to_address", existing_type=sa.VARCHAR(length=254), nullable=True)
        batch_op.alter_column("subject", existing_type=sa.VARCHAR(length=300), nullable=True)
        batch_op.alter_column("body", existing_type=sa.TEXT(), nullable=True)
        batch_op.create_index("ix_messages_campaign_id_status", ["campaign_id", "status"], unique=False)
        batch_op.create_index(
            "ix_messages_channel_status_campaign_id", ["channel", "status", "campaign_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_messages_letter_batch_id"), ["letter_batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_messages_provider_message_id"), ["provider_message_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_messages_recipient_id"), ["recipient_id"], unique=False)
        batch_op.create_index("ix_messages_sender_claimed_at", ["sender", "claimed_at"], unique=False)

    # Waiting messages are now `queued` (were `scheduled`); the defaults above only filled existing rows.
    op.execute("UPDATE messages SET status = 'queued' WHERE status = 'scheduled'")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.alter_column("channel", server_default=None)
        batch_op.alter_column("sender", server_default=None)


def downgrade() -> None:
    op.execute("UPDATE messages SET status = 'scheduled' WHERE status = 'queued'")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_sender_claimed_at")
        batch_op.drop_index(batch_op.f("ix_messages_recipient_id"))
        batch_op.drop_index(batch_op.f("ix_messages_provider_message_id"))
        batch_op.drop_index(batch_op.f("ix_messages_letter_batch_id"))
        batch_op.drop_index("ix_messages_channel_status_campaign_id")
        batch_op.drop_index("ix_messages_campaign_id_status")
        batch_op.alter_column("body", existing_type=sa.TEXT(), nullable=False)
        batch_op.alter_column("subject", existing_type=sa.VARCHAR(length=300), nullable=False)
        batch_op.alter_column("to_address", existing_type=sa.VARCHAR(length=254), nullable=False)
        batch_op.alter_column("claimant_id", existing_type=sa.INTEGER(), nullable=False)
        batch_op.alter_column("hearing_id", existing_type=sa.INTEGER(), nullable=False)
        batch_op.alter_column("event_id", existing_type=sa.VARCHAR(length=36), nullable=False)
        batch_op.drop_column("bounced_at")
        batch_op.drop_column("delivered_at")
        batch_op.drop_column("provider_message_id")
        batch_op.drop_column("sender")
        batch_op.drop_column("letter_batch_id")
        batch_op.drop_column("recipient_id")
        batch_op.drop_column("campaign_id")
        batch_op.drop_column("channel")

    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaigns_case_id"))
        batch_op.drop_column("public_notice_recorded_by")
        batch_op.drop_column("public_notice_where")
        batch_op.drop_column("public_notice_published_on")
        batch_op.drop_column("launched_by")
        batch_op.drop_column("launched_at")
        batch_op.drop_column("message_token")
        batch_op.drop_column("case_id")

    op.drop_table("reminder_rules")
    op.drop_table("reminder_opt_outs")
    with op.batch_alter_table("letter_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_batches_campaign_id"))

    op.drop_table("letter_batches")
    op.drop_table("intake_reminders")
    op.drop_table("idempotency_keys")
