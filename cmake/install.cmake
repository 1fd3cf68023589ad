# cmake --install: the static libraries, their public headers, the uvimap
# tool, a CMake package (find_package(uvimap) with uvimap:: targets) and a
# pkg-config file. tests/install checks it by building the embedding example
# against an installed copy, outside the source tree.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(uvimap_libraries uvimap_error uvimap_wire uvimap_mime uvimap_session uvimap_async
                     uvimap_tls uvimap_client)
foreach(library ${uvimap_libraries})
    # uvimap::client rather than uvimap::uvimap_client, as in the build tree.
    string(REPLACE "uvimap_" "" short ${library})
    set_target_properties(${library} PROPERTIES EXPORT_NAME ${short})
endforeach()
install(TARGETS ${uvimap_libraries} EXPORT uvimapTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
foreach(layer error wire mime session async tls client)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/lib/${layer}/include/
            DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()
install(TARGETS uvimap RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(uvimap_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/uvimap)
install(EXPORT uvimapTargets NAMESPACE uvimap:: DESTINATION ${uvimap_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/uvimapConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/uvimapConfig.cmake
                              INSTALL_DESTINATION ${uvimap_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/uvimapConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/uvimapConfig.cmake
              ${PROJECT_BINARY_DIR}/uvimapConfigVersion.cmake
        DESTINATION ${uvimap_cmake_dir})

# The prefix is only known at install time: the .pc file is written then.
install(CODE "
    set(CMAKE_INSTALL_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
    set(CMAKE_INSTALL_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
    set(CMAKE_INSTALL_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
    set(PROJECT_VERSION \"${PROJECT_VERSION}\")
    configure_file(\"${PROJECT_SOURCE_DIR}/cmake/uvimap.pc.in\"
                   \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig/uvimap.pc\" @ONLY)
")
