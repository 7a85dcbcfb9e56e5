import type { AreaZone } from './layout.ts';
import { AREA_TINTS } from './palette.ts';

/** The halls: a tinted floor rectangle per area (a handful, so plain meshes; names are DOM labels). */
export function AreaFloors({ areas }: { areas: AreaZone[] }) {
  return (
    <group>
      {areas.map((a, i) =>
        a.w > 0 ? (
          <group key={a.id} position={[a.x, 0.01, a.z]}>
            <mesh rotation-x={-Math.PI / 2} receiveShadow raycast={() => null}>
              <planeGeometry args={[a.w, a.d]} />
              <meshStandardMaterial color={AREA_TINTS[i % AREA_TINTS.length]} roughness={0.95} />
            </mesh>
          </group>
        ) : null,
      )}
    </group>
  );
}
