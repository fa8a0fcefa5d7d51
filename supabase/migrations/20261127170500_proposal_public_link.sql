-- The public link of a proposal (notes/proposals-contract.md "Public"): anyone holding the token
-- reads that one proposal (not a draft, not after the link was revoked) and may accept or decline
-- it while it is open and not expired. Nothing else is reachable with a token. The first view of
-- a sent proposal marks it open. Actions through the link are logged without an actor.

create function private.public_proposal_for_update(p_token text) returns public.proposals
language sql volatile security definer
set search_path = ''
as $$
	select * from public.proposals
	where proposals.public_token = p_token and proposals.status <> 'draft'
	for update
$$;
comment on function private.public_proposal_for_update(text) is
	'Locks and returns the proposal behind a public token, or null (unknown, revoked or draft).';

create function private.get_public_proposal(p_token text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	proposal public.proposals := private.public_proposal_for_update(p_token);
begin
	if proposal.id is null then
		return null;
	end if;
	if proposal.status = 'sent' then
		perform set_config('leadwerk.public_proposal_action', 'on', true);
		update public.proposals set status = 'open', viewed_at = now()
		where proposals.id = proposal.id
		returning * into proposal;
		perform set_config('leadwerk.public_proposal_action', '', true);
	end if;
	return private.proposal_document(proposal);
end;
$$;
comment on function private.get_public_proposal(text) is
	'The body of public.get_public_proposal, run as the database.';

create function public.get_public_proposal(p_token text) returns jsonb
language sql volatile security invoker
set search_path = ''
as $$
	select private.get_public_proposal(p_token)
$$;
comment on function public.get_public_proposal(text) is
	'The proposal behind a public link token, as its recipient sees it (see '
	'private.proposal_document), or null when the token is unknown or revoked or the proposal is '
	'a draft. The first view of a sent proposal sets it open (viewed_at, activity proposal.viewed).';

-- Accepting and declining need an open proposal (sent, open or revised) that has not expired.
create function private.open_public_proposal(p_token text) returns public.proposals
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	proposal public.proposals := private.public_proposal_for_update(p_token);
begin
	if proposal.id is null then
		raise exception 'proposal not found' using errcode = 'PT404';
	end if;
	if proposal.status not in ('sent', 'open', 'revised') or proposal.open_till < current_date then
		raise exception 'proposal not open'
			using errcode = 'PT409',
				detail = json_build_object(
					'status', proposal.status,
					'expired', coalesce(proposal.open_till < current_date, false)
				)::text;
	end if;
	return proposal;
end;
$$;
comment on function private.open_public_proposal(text) is
	'Locks the proposal behind a token for accepting or declining: PT404 unknown/revoked/draft, '
	'PT409 "proposal not open" unless sent, open or revised and not expired.';

create function private.accept_proposal(p_token text, p_name text, p_signature text)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	proposal public.proposals := private.open_public_proposal(p_token);
begin
	if p_name is null or char_length(btrim(p_name)) not between 1 and 200 then
		raise exception 'name required' using errcode = '22023';
	end if;
	perform set_config('leadwerk.public_proposal_action', 'on', true);
	update public.proposals
	set status = 'accepted', accepted_at = now(), accepted_by_name = btrim(p_name),
		signature = p_signature, viewed_at = coalesce(proposals.viewed_at, now())
	where proposals.id = proposal.id
	returning * into proposal;
	perform set_config('leadwerk.public_proposal_action', '', true);
	return private.proposal_document(proposal);
end;
$$;
comment on function private.accept_proposal(text, text, text) is
	'The body of public.accept_proposal, run as the database.';

create function public.accept_proposal(p_token text, p_name text, p_signature text default null)
returns jsonb
language sql volatile security invoker
set search_path = ''
as $$
	select private.accept_proposal(p_token, p_name, p_signature)
$$;
comment on function public.accept_proposal(text, text, text) is
	'Accepts the proposal behind a public link in the name of p_name (1–200 characters), with an '
	'optional signature (data:image/png;base64,…, at most 300 000 characters); returns the '
	'proposal as get_public_proposal shows it. Errors: PT404 unknown token, PT409 "proposal not '
	'open" (not sent/open/revised, or expired), 22023 "name required", 23514 '
	'proposals_signature_png.';

create function private.decline_proposal(p_token text, p_reason text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	proposal public.proposals := private.open_public_proposal(p_token);
begin
	if p_reason is null or char_length(btrim(p_reason)) not between 1 and 2000 then
		raise exception 'reason required' using errcode = '22023';
	end if;
	perform set_config('leadwerk.public_proposal_action', 'on', true);
	update public.proposals
	set status = 'declined', declined_at = now(), decline_reason = btrim(p_reason),
		viewed_at = coalesce(proposals.viewed_at, now())
	where proposals.id = proposal.id
	returning * into proposal;
	perform set_config('leadwerk.public_proposal_action', '', true);
	return private.proposal_document(proposal);
end;
$$;
comment on function private.decline_proposal(text, text) is
	'The body of public.decline_proposal, run as the database.';

create function public.decline_proposal(p_token text, p_reason text) returns jsonb
language sql volatile security invoker
set search_path = ''
as $$
	select private.decline_proposal(p_token, p_reason)
$$;
comment on function public.decline_proposal(text, text) is
	'Declines the proposal behind a public link with a reason (1–2000 characters); returns the '
	'proposal as get_public_proposal shows it. Errors: PT404 unknown token, PT409 "proposal not '
	'open", 22023 "reason required".';

revoke execute on function
	public.get_public_proposal(text),
	public.accept_proposal(text, text, text),
	public.decline_proposal(text, text)
	from public;
grant execute on function
	public.get_public_proposal(text),
	public.accept_proposal(text, text, text),
	public.decline_proposal(text, text)
	to anon, authenticated, service_role;

revoke execute on all functions in schema private from public;
-- The public wrappers run as their caller, anon included: these bodies are all anon may run
-- besides forbid_api_writes.
grant execute on function
	private.get_public_proposal(text),
	private.accept_proposal(text, text, text),
	private.decline_proposal(text, text)
	to anon, authenticated, service_role;
