// One import for users: `import Parapet` brings the core types and the policy engine.
@_exported public import ParapetCore
@_exported public import ParapetPolicy
