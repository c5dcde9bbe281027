import { useEffect, useReducer, useRef, useState } from 'react';
import type { Advisor } from '../chat/advisor-types.js';
import { reduce, type State } from '../chat/conversation.js';
import { runEffect } from '../chat/effects.js';

export interface ConversationDeps {
  /** Loads the rules base and prices; called once, after the first paint. */
  loadAdvisor: (signal: AbortSignal, onStatus: (text: string) => void) => Promise<Advisor>;
  cwd: string;
  onExit: (code: number) => void;
}

/**
 * The conversation reducer with its side effects: loading the advisor after the first frame,
 * carrying out /save, /report and /scaffold, and leaving. One AbortController covers all the work
 * in flight, so Ctrl+C stops it at once.
 */
export function useConversation(initial: State, deps: ConversationDeps) {
  const [state, dispatch] = useReducer(reduce, initial);
  const controller = useRef(new AbortController());
  const started = useRef(new Set<number>());
  const [status, setStatus] = useState<string | null>(null);
  const depsRef = useRef(deps);
  depsRef.current = deps;

  useEffect(() => {
    const signal = controller.current.signal;
    // A timer, not a microtask: the first question reaches the terminal before the heavy loading.
    const timer = setTimeout(() => {
      depsRef.current.loadAdvisor(signal, setStatus).then(
        (advisor) => {
          if (!signal.aborted) dispatch({ type: 'ready', advisor });
        },
        (error: unknown) => {
          if (!signal.aborted)
            dispatch({
              type: 'load-failed',
              message: error instanceof Error ? error.message : String(error),
            });
        },
      );
    }, 0);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    const fresh = state.effects.filter((e) => !started.current.has(e.id));
    if (!fresh.length) return;
    for (const effect of fresh) {
      started.current.add(effect.id);
      if (effect.kind === 'quit') {
        controller.current.abort();
        depsRef.current.onExit(0);
        continue;
      }
      const ctx = { cwd: depsRef.current.cwd, advisor: state.advisor, signal: controller.current.signal };
      void runEffect(effect, ctx).then((result) => {
        if (!controller.current.signal.aborted) dispatch({ type: 'effect-result', id: effect.id, ...result });
      });
    }
    dispatch({ type: 'effects-taken', ids: fresh.map((e) => e.id) });
  }, [state.effects, state.advisor]);

  const interrupt = () => {
    controller.current.abort();
    depsRef.current.onExit(130);
  };
  return { state, dispatch, interrupt, status };
}
