-- The totals of a proposal, exact to the cent (notes/proposals-contract.md): line amounts are
-- rounded to cents (proposal_items.amount); the discount is a percentage of the subtotal or an
-- amount capped at it; it is shared over the tax-rate groups in proportion to their net by the
-- largest-remainder method in whole cents, so the shares add up to the discount exactly; each
-- group's tax is rounded once. Postgres round() rounds half away from zero.

create function private.proposal_totals(
	p_proposal_id uuid,
	p_discount_type text,
	p_discount_value numeric
) returns table (
	subtotal numeric,
	discount numeric,
	total_tax numeric,
	total numeric,
	tax_breakdown jsonb
)
language plpgsql stable security definer
set search_path = ''
as $$
declare
	subtotal_cents numeric;
	discount_cents numeric;
begin
	select coalesce(sum(items.amount), 0) * 100 into subtotal_cents
	from public.proposal_items as items
	where items.proposal_id = p_proposal_id;

	discount_cents := case
		when p_discount_type = 'percent' then round(subtotal_cents * p_discount_value / 100)
		else least(round(coalesce(p_discount_value, 0) * 100), subtotal_cents)
	end;

	return query
	with groups as (
		select items.tax_rate as rate, sum(items.amount) * 100 as net_cents
		from public.proposal_items as items
		where items.proposal_id = p_proposal_id
		group by items.tax_rate
	),
	floored as (
		select groups.rate, groups.net_cents,
			case when subtotal_cents = 0 then 0
				else div(discount_cents * groups.net_cents, subtotal_cents) end as share_cents,
			case when subtotal_cents = 0 then 0
				else mod(discount_cents * groups.net_cents, subtotal_cents) end as remainder
		from groups
	),
	ranked as (
		select floored.*,
			row_number() over (
				order by floored.remainder desc, floored.net_cents desc, floored.rate
			) as remainder_rank
		from floored
	),
	shared as (
		-- The cents the floors left over go one each to the largest remainders.
		select ranked.rate,
			(ranked.net_cents - ranked.share_cents
				- case when ranked.remainder_rank <= discount_cents - sum(ranked.share_cents) over ()
					then 1 else 0 end) / 100 as net
		from ranked
	),
	taxed as (
		select shared.rate, shared.net, round(shared.net * shared.rate / 100, 2) as tax
		from shared
	)
	select
		subtotal_cents / 100,
		discount_cents / 100,
		coalesce((select sum(taxed.tax) from taxed), 0),
		subtotal_cents / 100 - discount_cents / 100 + coalesce((select sum(taxed.tax) from taxed), 0),
		coalesce(
			(select jsonb_agg(
					jsonb_build_object(
						'rate', trim_scale(taxed.rate),
						'net', round(taxed.net, 2),
						'tax', taxed.tax
					)
					order by taxed.rate
				)
				from taxed),
			'[]'::jsonb
		);
end;
$$;
comment on function private.proposal_totals(uuid, text, numeric) is
	'The computed totals of a proposal from its items and the entered discount: subtotal, '
	'discount amount, total_tax, total and tax_breakdown [{rate, net, tax}] (discount shared over '
	'the tax-rate groups by largest remainder in cents).';

revoke execute on all functions in schema private from public;
