/**
 * supabase-js realtime in Node 20 needs the `ws` package as its transport (Node 20 has no global
 * WebSocket). `ws`'s typings differ from realtime-js's WebSocketLike, hence the one cast here.
 */
import type { SupabaseClientOptions } from '@supabase/supabase-js';
import ws from 'ws';

type Transport = NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport'];

export const realtimeTransport = ws as unknown as Transport;
