-- The send-proposal function mails first and records the sending after (mark_proposal_sent).
-- Before, a member who could see a proposal but not edit it got the mail out to the lead and
-- only then a 403. prepare_proposal_send is asked before the mail: it refuses exactly where
-- mark_proposal_sent would (not visible, no edit right, accepted, declined, no e-mail), renews
-- a revoked link, and hands back what the mail needs.

create function private.prepare_proposal_send(p_id uuid, p_email text default null) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	proposal public.proposals := private.proposal_for_edit(p_id);
	recipient text := btrim(coalesce(p_email, proposal.recipient_email));
	token text := proposal.public_token;
begin
	-- Accepted is refused by proposal_for_edit; declined is the one status sent cannot follow.
	if not private.proposal_transition_allowed(proposal.status, 'sent') then
		raise exception 'proposal declined'
			using errcode = 'PT409', hint = 'Set a declined proposal to revised before sending it.';
	end if;
	-- The same rule as mark_proposal_sent applies to p_email.
	if recipient is null or char_length(recipient) not between 3 and 254 then
		raise exception 'recipient email missing'
			using errcode = 'PT400', hint = 'Give the proposal a recipient e-mail or name one.';
	end if;
	if token is null then
		token := private.new_proposal_token();
		update public.proposals set public_token = token where proposals.id = p_id;
	end if;
	return jsonb_build_object(
		'token', token,
		'to', recipient,
		'document', private.proposal_document(proposal)
	);
end;
$$;
comment on function private.prepare_proposal_send(uuid, text) is
	'The body of public.prepare_proposal_send, run as the database after checking the caller.';

create function public.prepare_proposal_send(p_id uuid, p_email text default null)
returns jsonb
language sql volatile security invoker
set search_path = ''
as $$
	select private.prepare_proposal_send(p_id, p_email)
$$;
comment on function public.prepare_proposal_send(uuid, text) is
	'Called by the send-proposal function with the caller''s JWT BEFORE it mails: checks what '
	'mark_proposal_sent will check, renews a revoked link and returns {token, to, document} — '
	'the link token, the address to mail (p_email, else the recipient e-mail) and the proposal '
	'in the shape of get_proposal_document (number, language, subject, …). Errors: PT404 not '
	'visible, 42501 no edit right, PT423 accepted, PT409 declined, PT400 no recipient e-mail.';

revoke execute on function public.prepare_proposal_send(uuid, text) from public, anon;
grant execute on function public.prepare_proposal_send(uuid, text) to authenticated, service_role;
revoke execute on function private.prepare_proposal_send(uuid, text) from public, anon;
grant execute on function private.prepare_proposal_send(uuid, text)
	to authenticated, service_role;
