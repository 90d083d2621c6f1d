import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../../runtime/web/kit/api/client.ts';
import { loadState } from '../../runtime/web/kit/api/load-state.ts';

export interface Person {
  id: string;
  name: string;
}
/** A team as `GET /api/teams` lists it. */
export interface Team {
  key: string;
  name: string;
  parent: string | null;
  members: Person[];
  managers: Person[];
}
/** A team in the order of the tree: each under its parent, `depth` levels down. */
export interface PlacedTeam extends Team {
  depth: number;
}

const path = (key: string) => `/teams/${encodeURIComponent(key)}`;

/** The company's teams and the people who can join or manage them; every change reloads the teams as the server has them. */
export const useTeamsStore = defineStore('teams', () => {
  const teams = ref<Team[]>([]);
  const people = ref<(Person & { active: boolean; team: string | null })[]>([]);
  const { loading, error: loadError, run } = loadState();

  const reload = async () => {
    teams.value = (await api<{ items: Team[] }>('GET', '/teams')).data.items;
  };
  const load = () =>
    run(async () => {
      const [, users] = await Promise.all([reload(), api<{ items: (Person & { active: boolean; team: string | null })[] }>('GET', '/users')]);
      people.value = users.data.items.filter((p) => p.active);
    });

  /** Teams in tree order (by name within each level). */
  const tree = computed<PlacedTeam[]>(() => {
    const out: PlacedTeam[] = [];
    const place = (parent: string | null, depth: number) => {
      for (const team of teams.value.filter((t) => t.parent === parent)) {
        out.push({ ...team, depth });
        place(team.key, depth + 1);
      }
    };
    place(null, 0);
    return out;
  });

  /** The team and every team below it: where it cannot be moved under. */
  const below = (key: string): string[] => [key, ...teams.value.filter((t) => t.parent === key).flatMap((t) => below(t.key))];
  const nameOf = (key: string | null) => teams.value.find((t) => t.key === key)?.name ?? '';

  async function create(body: { name: string; parent: string | null }) {
    await api('POST', '/teams', body);
    await reload();
  }
  async function update(key: string, body: { name?: string; parent?: string | null }) {
    await api('PATCH', path(key), body);
    await reload();
  }
  async function remove(key: string) {
    await api('DELETE', path(key));
    await reload();
  }
  async function setManager(key: string, userId: string, manages: boolean) {
    await api(manages ? 'PUT' : 'DELETE', `${path(key)}/managers/${encodeURIComponent(userId)}`);
    await reload();
  }
  /** Puts a person in a team (out of the one they were in), or in none. */
  async function setTeam(userId: string, team: string | null) {
    await api('PATCH', `/users/${encodeURIComponent(userId)}`, { team });
    people.value = people.value.map((p) => (p.id === userId ? { ...p, team } : p));
    await reload();
  }

  return { teams, people, loading, loadError, load, tree, below, nameOf, create, update, remove, setManager, setTeam };
});
