/**
 * The part of three.js that @react-three/fiber sees as `THREE`.
 *
 * r3f's `<Canvas>` runs `extend(THREE)` on `import * as THREE from 'three'`, so every JSX element
 * name can find its class; that namespace use keeps all of three.js (≈ 700 kB minified) in the
 * bundle whatever the app draws. The build (scripts/threeShim.ts) resolves r3f's `'three'` to this
 * module instead, so r3f gets exactly: the classes it uses itself (its renderer, cameras,
 * raycaster, colour management and the shadow/tone-mapping constants), and the classes of the JSX
 * elements the scene and drei's components mount (`<mesh>` → Mesh, …). Everything else in the app
 * imports named exports from 'three' and is tree-shaken as usual.
 *
 * A new JSX element (`<torusGeometry>`…) needs its class here, or r3f throws "R3F: Torus… is not
 * part of the THREE namespace"; scripts/threeShim.test.ts checks this list against the scene's
 * JSX and against every `THREE.X` r3f's build reads.
 */
export {
  // used by r3f itself
  ACESFilmicToneMapping,
  BasicShadowMap,
  Clock,
  Color,
  ColorManagement,
  Layers,
  LinearSRGBColorSpace,
  NoToneMapping,
  Object3D,
  OrthographicCamera,
  PCFShadowMap,
  PCFSoftShadowMap,
  PerspectiveCamera,
  Raycaster,
  RGBAFormat,
  Scene,
  ShaderMaterial,
  SRGBColorSpace,
  UnsignedByteType,
  Vector2,
  Vector3,
  VSMShadowMap,
  WebGLRenderer,
  // JSX elements of the scene and of drei's Html / Line / OrbitControls
  AmbientLight,
  CircleGeometry,
  CylinderGeometry,
  DirectionalLight,
  Group,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  PlaneGeometry,
  Points,
  RingGeometry,
  SphereGeometry,
} from 'three';
