-- Proposals, issue 7 (notes/proposals-contract.md): the columns a complete proposal needs — a
-- running number, the language of the document, the discount as the staff member enters it
-- (percent or amount) next to the computed amount, the tax per rate, the recipient, notes and
-- terms, optimistic concurrency, and what happened on the public link (sent, viewed, accepted
-- with name and signature, declined with reason). A revoked link is a null public_token.

alter table public.proposals
	add column number bigint generated always as identity,
	add column language text not null default 'de'
		constraint proposals_language_known check (language in ('de', 'en')),
	add column discount_type text not null default 'amount'
		constraint proposals_discount_type_known check (discount_type in ('percent', 'amount')),
	add column discount_value numeric(14, 2) not null default 0
		constraint proposals_discount_value_not_negative check (discount_value >= 0),
	add column tax_breakdown jsonb not null default '[]'
		constraint proposals_tax_breakdown_array check (jsonb_typeof(tax_breakdown) = 'array'),
	add column recipient_name text
		constraint proposals_recipient_name_length check (char_length(recipient_name) <= 200),
	add column recipient_company text
		constraint proposals_recipient_company_length check (char_length(recipient_company) <= 200),
	add column recipient_email text
		constraint proposals_recipient_email_length check (char_length(recipient_email) <= 254),
	add column recipient_address text
		constraint proposals_recipient_address_length check (char_length(recipient_address) <= 1000),
	add column notes text constraint proposals_notes_length check (char_length(notes) <= 5000),
	add column terms text constraint proposals_terms_length check (char_length(terms) <= 5000),
	add column version integer not null default 1,
	add column sent_at timestamptz,
	add column viewed_at timestamptz,
	add column accepted_at timestamptz,
	add column accepted_by_name text
		constraint proposals_accepted_by_name_length check (char_length(accepted_by_name) <= 200),
	add column signature text constraint proposals_signature_png check (
		char_length(signature) <= 300000 and signature like 'data:image/png;base64,%'
	),
	add column declined_at timestamptz,
	add column decline_reason text
		constraint proposals_decline_reason_length check (char_length(decline_reason) <= 2000),
	add constraint proposals_discount_percent_at_most_100
		check (discount_type <> 'percent' or discount_value <= 100),
	add constraint proposals_number_key unique (number);

alter table public.proposals alter column public_token drop not null;

comment on table public.proposals is
	'Proposals for a lead or a customer. discount (the amount), subtotal, total_tax, total and '
	'tax_breakdown are computed from proposal_items, discount_type and discount_value; number is '
	'shown as PRO-000042; public_token names the public link (null = revoked); version increments '
	'on every change (PT409 on a stale one); status changes only through the RPCs; an accepted '
	'proposal is frozen (PT423).';
comment on column public.proposals.discount is
	'The discount amount, computed: percent of the subtotal, or the entered amount capped at it.';
comment on column public.proposals.tax_breakdown is
	'Computed: [{rate, net, tax}] per distinct tax rate of the items, ordered by rate; net is after '
	'the group''s share of the discount.';
