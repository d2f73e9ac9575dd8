/**
 * The language feature files editions schemas import (`import "google/protobuf/java_features.proto";`) to set
 * features such as `features.(pb.java).utf8_validation`. protoc and buf ship them; protobufjs does not, so the
 * declarations a schema can name are written out here. protobufjs keeps feature options as written without
 * resolving them against these declarations, so the `extend google.protobuf.FeatureSet` that registers each file's
 * features is left out: it would only make descriptor.proto a dependency of every schema that imports one.
 */
export const FEATURE_FILES: Record<string, string> = {
  'google/protobuf/cpp_features.proto': `edition = "2023";
package pb;
message CppFeatures {
  bool legacy_closed_enum = 1;
  enum StringType {
    STRING_TYPE_UNKNOWN = 0;
    VIEW = 1;
    CORD = 2;
    STRING = 3;
  }
  StringType string_type = 2;
  bool enum_name_uses_string_view = 3;
  enum RepeatedType {
    REPEATED_TYPE_UNKNOWN = 0;
    LEGACY = 1;
    PROXY = 2;
  }
  RepeatedType repeated_type = 4;
}
`,
  'google/protobuf/java_features.proto': `edition = "2023";
package pb;
message JavaFeatures {
  bool legacy_closed_enum = 1;
  enum Utf8Validation {
    UTF8_VALIDATION_UNKNOWN = 0;
    DEFAULT = 1;
    VERIFY = 2;
  }
  Utf8Validation utf8_validation = 2;
  bool large_enum = 3;
  bool use_old_outer_classname_default = 4;
  message NestInFileClassFeature {
    enum NestInFileClass {
      NEST_IN_FILE_CLASS_UNKNOWN = 0;
      NO = 1;
      YES = 2;
      LEGACY = 3;
    }
  }
  NestInFileClassFeature.NestInFileClass nest_in_file_class = 5;
}
`,
  'google/protobuf/go_features.proto': `edition = "2023";
package pb;
message GoFeatures {
  bool legacy_unmarshal_json_enum = 1;
  enum APILevel {
    API_LEVEL_UNSPECIFIED = 0;
    API_OPEN = 1;
    API_HYBRID = 2;
    API_OPAQUE = 3;
  }
  APILevel api_level = 2;
  enum StripEnumPrefix {
    STRIP_ENUM_PREFIX_UNSPECIFIED = 0;
    STRIP_ENUM_PREFIX_KEEP = 1;
    STRIP_ENUM_PREFIX_GENERATE_BOTH = 2;
    STRIP_ENUM_PREFIX_STRIP = 3;
  }
  StripEnumPrefix strip_enum_prefix = 3;
  message OptimizeModeFeature {
    enum OptimizeMode {
      OPTIMIZE_MODE_UNSPECIFIED = 0;
      SPEED = 1;
      CODE_SIZE = 2;
    }
  }
  OptimizeModeFeature.OptimizeMode optimize_mode = 4;
}
`,
};
