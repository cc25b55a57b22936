/**
 * The emulated gateway: HELLO, IDENTIFY → READY and GUILD_CREATE, heartbeats, and sessions that
 * survive a dropped connection: RESUME replays what was dispatched since the client's sequence
 * number, then RESUMED, as Discord does. Tests can drop connections, send op 7 (reconnect) and
 * op 9 (invalid session), reset the token (close 4004) or hold the gateway down.
 */
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { GatewayDispatchEvents, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';
import type { World } from './world.js';

interface Session {
  id: string;
  /** Null while the client is disconnected but may still resume. */
  ws: WebSocket | null;
  seq: number;
  /** Every dispatch of this session, for replay on RESUME. */
  sent: { s: number; t: string; d: unknown }[];
  resumable: boolean;
}

export interface Gateway {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends a dispatch to every identified session; a disconnected one gets it on RESUME. */
  dispatch(t: string, d: unknown): void;
  /** Sessions whose client is connected now. */
  connected(): number;
  /** Sessions that can still receive events (connected, or disconnected and resumable). */
  alive(): number;
  drop(): void;
  reconnect(): void;
  invalidate(resumable: boolean): void;
  closeAll(code: number, reason: string): void;
  hold(): () => void;
  close(): void;
}

const REPLAY_LIMIT = 5_000;

export function createGateway(world: World): Gateway {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<Session>();
  const sockets = new Set<WebSocket>();
  let held = false;

  const send = (ws: WebSocket | null, payload: Record<string, unknown>) => {
    if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  };
  const dispatchTo = (session: Session, t: string, d: unknown) => {
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
    send(session.ws, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
  };

  const onMessage = (ws: WebSocket, state: { session: Session | null }, raw: string) => {
    let payload: { op: number; d: unknown };
    try {
      payload = JSON.parse(raw) as { op: number; d: unknown };
    } catch {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        send(ws, { op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify: {
        const d = payload.d as { token?: string; intents?: number; properties?: unknown; shard?: unknown };
        if (state.session) {
          ws.close(4005, 'Already authenticated.');
          return;
        }
        if (d.token !== world.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        world.identifies.push({ intents: d.intents ?? 0, properties: d.properties, shard: d.shard });
        const session: Session = { id: randomBytes(16).toString('hex'), ws, seq: 0, sent: [], resumable: true };
        sessions.add(session);
        state.session = session;
        dispatchTo(session, GatewayDispatchEvents.Ready, {
          v: 10,
          user: { ...world.botUser, verified: true, mfa_enabled: false, flags: 0 },
          guilds: [...world.guilds.values()].map((g) => ({ id: g.id, unavailable: true })),
          session_id: session.id,
          resume_gateway_url: world.gatewayUrl,
          shard: [0, 1],
          application: { id: world.applicationId, flags: 0 },
        });
        for (const g of world.guilds.values()) dispatchTo(session, GatewayDispatchEvents.GuildCreate, world.guildCreate(g));
        return;
      }
      case GatewayOpcodes.Resume: {
        const d = payload.d as { token?: string; session_id?: string; seq?: number };
        if (d.token !== world.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        const session = [...sessions].find((s) => s.id === d.session_id && s.resumable);
        if (!session || typeof d.seq !== 'number') {
          send(ws, { op: GatewayOpcodes.InvalidSession, d: false });
          return;
        }
        // A client resuming a session that is still connected elsewhere takes it over, as on Discord.
        if (session.ws && session.ws !== ws) session.ws.terminate();
        session.ws = ws;
        state.session = session;
        world.resumes.push({ sessionId: session.id, seq: d.seq });
        for (const e of session.sent) if (e.s > d.seq) send(ws, { op: GatewayOpcodes.Dispatch, t: e.t, s: e.s, d: e.d });
        dispatchTo(session, GatewayDispatchEvents.Resumed, null);
        return;
      }
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        return;
      default:
        ws.close(4001, 'Unknown opcode.');
    }
  };

  return {
    handleUpgrade(req, socket, head) {
      if (held) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        const state: { session: Session | null } = { session: null };
        ws.on('message', (data) => onMessage(ws, state, data.toString()));
        const gone = () => {
          sockets.delete(ws);
          if (state.session?.ws === ws) state.session.ws = null;
        };
        ws.on('close', (code) => {
          // A client that closes normally (1000, 1001) ends its session; any other close may resume.
          if ((code === 1000 || code === 1001) && state.session?.ws === ws) state.session.resumable = false;
          gone();
        });
        ws.on('error', gone);
        send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: world.options.heartbeatIntervalMs ?? 41_250 } });
      });
    },
    dispatch(t, d) {
      for (const s of sessions) if (s.resumable) dispatchTo(s, t, d);
    },
    connected: () => [...sessions].filter((s) => s.ws !== null && s.ws.readyState === s.ws.OPEN).length,
    alive: () => [...sessions].filter((s) => s.resumable).length,
    drop() {
      for (const ws of sockets) ws.terminate();
    },
    reconnect() {
      for (const s of sessions) send(s.ws, { op: GatewayOpcodes.Reconnect, d: null });
    },
    invalidate(resumable) {
      for (const s of sessions) {
        send(s.ws, { op: GatewayOpcodes.InvalidSession, d: resumable });
        if (!resumable) s.resumable = false;
      }
    },
    closeAll(code, reason) {
      for (const s of sessions) {
        s.resumable = false;
        s.ws?.close(code, reason);
      }
    },
    hold() {
      held = true;
      for (const ws of sockets) ws.terminate();
      return () => {
        held = false;
      };
    },
    close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
